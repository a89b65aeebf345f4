/** The module's panel on the home page (loaded with the home page, not with every page). */
import { useEagerQuery } from '../../lib/eager-query';
import { api, unwrap } from '../../lib/api';
import { formatNumber } from '../../lib/format';
import { StatCard } from '../StatCard';
import type { HomePanelProps } from '../types';

export function DirectivesHome({ unit }: HomePanelProps) {
  const tasks = useEagerQuery({
    queryKey: ['directives', 'summary', unit ?? ''],
    queryFn: () => unwrap(api.GET('/api/directives/summary', { params: { query: { unit } } })),
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
