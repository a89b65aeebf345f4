import { FormOutlined } from '@ant-design/icons';
import type { WebModule } from '../types';
import { lazyPage } from '../lazy';

const SurveysPage = lazyPage(() => import('./SurveysPage').then((m) => m.SurveysPage));
const SurveyPage = lazyPage(() => import('./SurveyPage').then((m) => m.SurveyPage));
const KioskPage = lazyPage(() => import('./KioskPage').then((m) => m.KioskPage));
const PublicSurveysPage = lazyPage(() => import('./PublicSurveysPage').then((m) => m.PublicSurveysPage));

export const surveysModule: WebModule = {
  path: '/surveys',
  label: 'Khảo sát hài lòng',
  icon: <FormOutlined />,
  description:
    'Khảo sát sự hài lòng (SIPAS): bảng hỏi, chọn mẫu từ hồ sơ, phiếu trực tuyến, giấy, phỏng vấn, tại quầy; kiểm soát chất lượng; kết quả có sai số.',
  routes: [
    { path: '', element: <SurveysPage /> },
    { path: ':id', element: <SurveyPage /> },
  ],
  fullScreenRoutes: [{ path: ':id/kiosk', element: <KioskPage /> }],
  publicRoutes: [{ path: '/public/surveys', element: <PublicSurveysPage /> }],
};
