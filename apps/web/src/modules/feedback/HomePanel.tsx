/** The module's panel on the home page (loaded with the home page, not with every page). */
import { useEagerQuery } from '../../lib/eager-query';
import { api, unwrap } from '../../lib/api';
import { formatNumber } from '../../lib/format';
import { StatCard } from '../StatCard';
import type { HomePanelProps } from '../types';

export function FeedbackHome({ unit, today }: HomePanelProps) {
  const from = `${today.slice(0, 4)}-01-01`;
  const stats = useEagerQuery({
    queryKey: ['feedback', 'stats', 'home', unit ?? '', today],
    queryFn: () => unwrap(api.GET('/api/feedback/stats', { params: { query: { from, to: today, unit } } })),
  });
  const t = stats.data?.total;
  return (
    <>
      <StatCard
        to="/feedback?tab=stats"
        title="Phản ánh trả lời đúng hạn"
        value={t?.onTimeRate ?? 0}
        suffix={`% của ${t ? formatNumber(t.judged) : '…'}`}
        loading={stats.isPending}
      />
      <StatCard
        to="/feedback?overdue=true"
        title="Phản ánh quá hạn chưa trả lời"
        value={t?.overdueNow ?? 0}
        loading={stats.isPending}
        danger
      />
    </>
  );
}
