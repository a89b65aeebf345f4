import { BulbOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../lib/api';
import { formatNumber } from '../../lib/format';
import { StatCard } from '../StatCard';
import type { HomePanelProps, WebModule } from '../types';
import { lazyPage } from '../lazy';

const InitiativesPage = lazyPage(() => import('./InitiativesPage').then((m) => m.InitiativesPage));
const InitiativePage = lazyPage(() => import('./InitiativePage').then((m) => m.InitiativePage));
const PublicInitiativesPage = lazyPage(() => import('./PublicInitiativesPage').then((m) => m.PublicInitiativesPage));

function InitiativesHome({ unit, today }: HomePanelProps) {
  const year = Number(today.slice(0, 4));
  const cov = useQuery({
    queryKey: ['initiatives', 'coverage', year],
    queryFn: () => unwrap(api.GET('/api/initiatives/coverage', { params: { query: { year } } })),
    enabled: !unit,
  });
  if (unit) return null;
  return (
    <StatCard
      to="/initiatives?tab=coverage"
      title={`Đơn vị chưa có sáng kiến CCHC năm ${year}`}
      value={cov.data?.without.length ?? 0}
      suffix={cov.data ? `/ ${formatNumber(cov.data.units)}` : ''}
      loading={cov.isPending}
      danger
    />
  );
}

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
  HomePanel: InitiativesHome,
};
