import { FileTextOutlined } from '@ant-design/icons';
import type { WebModule } from '../types';
import { lazyPage } from '../lazy';
const DirectivesPage = lazyPage(() => import('./DirectivesPage').then((m) => m.DirectivesPage));
const DirectivePage = lazyPage(() => import('./DirectivePage').then((m) => m.DirectivePage));
const TaskPage = lazyPage(() => import('./TaskPage').then((m) => m.TaskPage));
const ImportPage = lazyPage(() => import('./ImportPage').then((m) => m.ImportPage));

export const directivesModule: WebModule = {
  path: '/directives',
  label: 'Chỉ đạo, điều hành',
  icon: <FileTextOutlined />,
  description: 'Chỉ thị, kế hoạch của UBND tỉnh, nhiệm vụ giao các đơn vị, báo cáo tiến độ, nhắc hạn.',
  routes: [
    { path: '', element: <DirectivesPage /> },
    { path: 'import', element: <ImportPage /> },
    { path: 'tasks/:id', element: <TaskPage /> },
    { path: ':id', element: <DirectivePage /> },
  ],
  HomePanel: lazyPage(() => import('./HomePanel').then((x) => x.DirectivesHome)),
};
