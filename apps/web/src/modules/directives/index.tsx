import { FileTextOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../lib/api';
import { formatNumber } from '../../lib/format';
import { StatCard } from '../StatCard';
import type { HomePanelProps, WebModule } from '../types';
import { lazyPage } from '../lazy';

const DirectivesPage = lazyPage(() => import('./DirectivesPage').then((m) => m.DirectivesPage));
const DirectivePage = lazyPage(() => import('./DirectivePage').then((m) => m.DirectivePage));
const TaskPage = lazyPage(() => import('./TaskPage').then((m) => m.TaskPage));
const ImportPage = lazyPage(() => import('./ImportPage').then((m) => m.ImportPage));

function DirectivesHome({ unit }: HomePanelProps) {
  const tasks = useQuery({
    queryKey: ['directives', 'dashboard', unit ?? ''],
    queryFn: () => unwrap(api.GET('/api/directives/dashboard', { params: { query: { unit } } })),
  });
  const t = tasks.data?.totals;
  const rate = t && t.tasks ? Math.round((t.done / t.tasks) * 1000) / 10 : 0;
  return (
    <>
      <StatCard
        to="/directives"
        title="Nhiệm vụ CCHC hoàn thành"
        value={rate}
        suffix={`% của ${t ? formatNumber(t.tasks) : '…'}`}
        loading={tasks.isPending}
      />
      <StatCard to="/directives?tab=overdue" title="Nhiệm vụ quá hạn" value={t?.overdue ?? 0} loading={tasks.isPending} danger />
    </>
  );
}

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
  HomePanel: DirectivesHome,
};
