import { FileDoneOutlined } from '@ant-design/icons';
import type { WebModule } from '../types';
import { lazyPage } from '../lazy';
const DossiersPage = lazyPage(() => import('./DossiersPage').then((m) => m.DossiersPage));
const PublicLatePage = lazyPage(() => import('./PublicLatePage').then((m) => m.PublicLatePage));

/** The year's on-time rate comes from the metrics registry (the same figure the internal index scores). */
export const dossiersModule: WebModule = {
  path: '/dossiers',
  label: 'Hồ sơ TTHC',
  icon: <FileDoneOutlined />,
  description: 'Tình hình giải quyết hồ sơ thủ tục hành chính: đúng hạn, trễ hạn, xin lỗi, Bộ chỉ số 766.',
  routes: [{ path: '', element: <DossiersPage /> }],
  publicRoutes: [{ path: '/public/late-units', element: <PublicLatePage /> }],
  HomePanel: lazyPage(() => import('./HomePanel').then((x) => x.DossiersHome)),
};
