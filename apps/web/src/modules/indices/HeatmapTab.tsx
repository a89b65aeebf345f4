import { Card } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../lib/api';
import { formatFixed } from '../../lib/format';
import { Chart } from '../../components/Chart';
import type { IndexCode } from './common';
import { MissingData } from './MissingData';

/** Provinces × components; each column coloured against its own range so weak spots stand out. */
export function HeatmapTab({ index, year }: { index: IndexCode; year: number }) {
  const results = useQuery({
    queryKey: ['indices', 'results', index, year],
    queryFn: () => unwrap(api.GET('/api/index-results', { params: { query: { index, year } } })),
  });
  const rows = (results.data ?? []).filter((r) => Object.keys(r.components).length).sort((a, b) => (b.value ?? 0) - (a.value ?? 0));
  const codes = [...new Set(rows.flatMap((r) => Object.keys(r.components)))].filter((c) => !c.includes('.')).sort();
  const ranges = Object.fromEntries(
    codes.map((c) => {
      const v = rows.map((r) => r.components[c]).filter((x): x is number => x !== undefined);
      return [c, [Math.min(...v), Math.max(...v)] as const];
    }),
  );
  const data = rows
    .flatMap((r, y) =>
      codes.map((c, x) => {
        const v = r.components[c];
        if (v === undefined) return null;
        const [lo, hi] = ranges[c]!;
        return [x, y, hi > lo ? (v - lo) / (hi - lo) : 0.5, v];
      }),
    )
    .filter(Boolean);
  if (results.data && (rows.length < 2 || !codes.length))
    return <MissingData what={rows.length < 2 && codes.length ? 'field' : 'components'} year={year} />;
  return (
    <Card
      size="small"
      title={`Năm ${year}: ${rows.length} tỉnh × ${codes.length} thành phần (màu so trong từng cột: đỏ là thấp nhất, xanh là cao nhất)`}
      loading={results.isPending}
    >
      <Chart
        height={Math.max(300, rows.length * 16 + 80)}
        option={{
          tooltip: {
            formatter: (p: unknown) => {
              const d = (p as { data: number[] }).data;
              return `${rows[d[1]!]!.provinceName}<br/>${codes[d[0]!]}: ${d[3]!.toLocaleString('vi-VN', { maximumFractionDigits: 2 })}`;
            },
          },
          grid: { left: 8, right: 10, top: 30, bottom: 10, containLabel: true },
          xAxis: { type: 'category', data: codes, position: 'top', splitArea: { show: true } },
          yAxis: {
            type: 'category',
            data: rows.map((r) => r.provinceName.replace(/^(Tỉnh|Thành phố) /, '')),
            inverse: true,
            axisLabel: { fontSize: 10, width: 120, overflow: 'truncate' },
          },
          visualMap: { min: 0, max: 1, dimension: 2, show: false, inRange: { color: ['#cf1322', '#fff1b8', '#389e0d'] } },
          series: [
            {
              type: 'heatmap',
              data: data as number[][],
              label: { show: true, fontSize: 9, formatter: (p: unknown) => formatFixed((p as { data: number[] }).data[3]!, 1) },
            },
          ],
        }}
      />
    </Card>
  );
}
