import { BulbOutlined } from '@ant-design/icons';
import type { WebModule } from '../types';
import { lazyPage } from '../lazy';
const InitiativesPage = lazyPage(() => import('./InitiativesPage').then((m) => m.InitiativesPage));
const InitiativePage = lazyPage(() => import('./InitiativePage').then((m) => m.InitiativePage));
const PublicInitiativesPage = lazyPage(() => import('./PublicInitiativesPage').then((m) => m.PublicInitiativesPage));

export const initiativesModule: WebModule = {
  path: '/initiatives',
  label: 'Sáng kiến CCHC',
  icon: <BulbOutlined />,
  description: 'Sáng kiến, giải pháp CCHC (mỗi đơn vị ít nhất 1 mỗi năm): đăng ký, Hội đồng chấm điểm, công nhận, nhân rộng, hiệu quả.',
  routes: [
    { path: '', element: <InitiativesPage /> },
    { path: ':id', element: <InitiativePage /> },
  ],
  publicRoutes: [{ path: '/public/initiatives', element: <PublicInitiativesPage /> }],
  HomePanel: lazyPage(() => import('./HomePanel').then((x) => x.InitiativesHome)),
};
