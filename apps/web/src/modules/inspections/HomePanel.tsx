/** The module's panel on the home page (loaded with the home page, not with every page). */
import { useEagerQuery } from '../../lib/eager-query';
import { api, unwrap } from '../../lib/api';
import { formatNumber, formatPercent } from '../../lib/format';
import { StatCard } from '../StatCard';
import type { HomePanelProps } from '../types';

export function InspectionsHome({ unit, today }: HomePanelProps) {
  const year = Number(today.slice(0, 4));
  const cov = useEagerQuery({
    queryKey: ['inspections', 'coverage', year],
    queryFn: () => unwrap(api.GET('/api/inspections/coverage', { params: { query: { year } } })),
    enabled: !unit,
  });
  const open = useEagerQuery({
    queryKey: ['inspections', 'findings', 'home', unit ?? '', year],
    queryFn: () => unwrap(api.GET('/api/inspections/findings', { params: { query: { year, unit, state: 'overdue', limit: 1 } } })),
  });
  return (
    <>
      {!unit && (
        <StatCard
          to="/inspections"
          title="Đơn vị đã kiểm tra CCHC"
          value={cov.data ? Math.round(cov.data.share * 1000) / 10 : 0}
          suffix={
            cov.data
              ? `% · chỉ tiêu ${formatPercent(cov.data.target * 100)} (${formatNumber(cov.data.inspected)}/${formatNumber(cov.data.units)})`
              : ''
          }
          loading={cov.isPending}
        />
      )}
      <StatCard
        to="/inspections?tab=findings&state=overdue"
        title="Kiến nghị sau kiểm tra quá hạn khắc phục"
        value={open.data?.total ?? 0}
        loading={open.isPending}
        danger
      />
    </>
  );
}
