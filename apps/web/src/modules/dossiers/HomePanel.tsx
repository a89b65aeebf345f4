/** The module's panel on the home page (loaded with the home page, not with every page). */
import { useEagerQuery } from '../../lib/eager-query';
import { api, unwrap } from '../../lib/api';
import { formatNumber } from '../../lib/format';
import { StatCard } from '../StatCard';
import type { HomePanelProps } from '../types';

export function DossiersHome({ unit, today }: HomePanelProps) {
  const year = today.slice(0, 4);
  const range = { from: `${year}-01-01`, to: today, unit };
  const onTime = useEagerQuery({
    queryKey: ['metrics', 'dossiers.onTimeRate', range],
    queryFn: () => unwrap(api.GET('/api/metrics/{key}', { params: { path: { key: 'dossiers.onTimeRate' }, query: range } })),
  });
  const stats = useEagerQuery({
    queryKey: ['dossiers', 'stats', { ...range, groupBy: 'channel' }],
    queryFn: () => unwrap(api.GET('/api/dossiers/stats', { params: { query: { ...range, groupBy: 'channel' } } })),
  });
  const p = onTime.data?.[0];
  const openOverdue = (stats.data ?? []).reduce((a, r) => a + r.openOverdue, 0);
  return (
    <>
      <StatCard
        to={p?.link ?? '/dossiers'}
        title={`Hồ sơ đúng hạn năm ${year}`}
        value={p?.value ?? 0}
        suffix={`% của ${formatNumber(p?.denominator ?? 0)}`}
        loading={onTime.isPending}
      />
      <StatCard to="/dossiers" title="Hồ sơ quá hạn chưa giải quyết" value={openOverdue} loading={stats.isPending} danger />
    </>
  );
}
