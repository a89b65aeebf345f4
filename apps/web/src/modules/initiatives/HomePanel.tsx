/** The module's panel on the home page (loaded with the home page, not with every page). */
import { useEagerQuery } from '../../lib/eager-query';
import { api, unwrap } from '../../lib/api';
import { formatNumber } from '../../lib/format';
import { StatCard } from '../StatCard';
import type { HomePanelProps } from '../types';

export function InitiativesHome({ unit, today }: HomePanelProps) {
  const year = Number(today.slice(0, 4));
  const cov = useEagerQuery({
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
