import { SafetyCertificateOutlined } from '@ant-design/icons';
import type { WebModule } from '../types';
import { lazyPage } from '../lazy';
const InspectionsPage = lazyPage(() => import('./InspectionsPage').then((m) => m.InspectionsPage));
const InspectionPage = lazyPage(() => import('./InspectionPage').then((m) => m.InspectionPage));

export const inspectionsModule: WebModule = {
  path: '/inspections',
  label: 'Kiểm tra CCHC',
  icon: <SafetyCertificateOutlined />,
  description: 'Kế hoạch kiểm tra công tác CCHC (trên 30 % đơn vị mỗi năm), kiểm tra đột xuất, kết luận và theo dõi khắc phục đến cùng.',
  routes: [
    { path: '', element: <InspectionsPage /> },
    { path: ':id', element: <InspectionPage /> },
  ],
  HomePanel: lazyPage(() => import('./HomePanel').then((x) => x.InspectionsHome)),
};
