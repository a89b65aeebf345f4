import { SolutionOutlined } from '@ant-design/icons';
import type { WebModule } from '../types';
import { AssessmentPage } from './AssessmentPage';
import { PublicAssessmentPage } from './PublicAssessmentPage';

export const assessmentModule: WebModule = {
  path: '/assessment',
  label: 'Chỉ số CCHC nội bộ',
  icon: <SolutionOutlined />,
  description: 'Bộ tiêu chí năm, tự đánh giá có minh chứng, thẩm định, xếp hạng sở, ngành và xã, phường.',
  routes: [{ path: '', element: <AssessmentPage /> }],
  publicRoutes: [{ path: '/public/assessment', element: <PublicAssessmentPage /> }],
};
