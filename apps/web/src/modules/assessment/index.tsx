import { SolutionOutlined } from '@ant-design/icons';
import type { WebModule } from '../types';
import { lazyPage } from '../lazy';

const AssessmentPage = lazyPage(() => import('./AssessmentPage').then((m) => m.AssessmentPage));
const PublicAssessmentPage = lazyPage(() => import('./PublicAssessmentPage').then((m) => m.PublicAssessmentPage));

export const assessmentModule: WebModule = {
  path: '/assessment',
  label: 'Chỉ số CCHC nội bộ',
  icon: <SolutionOutlined />,
  description: 'Bộ tiêu chí năm, tự đánh giá có minh chứng, thẩm định, xếp hạng sở, ngành và xã, phường.',
  routes: [{ path: '', element: <AssessmentPage /> }],
  publicRoutes: [{ path: '/public/assessment', element: <PublicAssessmentPage /> }],
};
