import { Card, Empty } from 'antd';
import type { operations } from '@cchc/api-client';
import { Chart } from '../../components/Chart';
import type { IndexCode } from './common';

type Trend = operations['getIndexTrend']['responses']['200']['content']['application/json'];

export function TrendTab({ data }: { index: IndexCode; data: Trend }) {
  if (!data.length) return <Empty description="Chưa có số liệu" />;
  const years = data.map((d) => d.year);
  const names = [...new Set(data.flatMap((d) => d.parts.map((p) => p.name)))];
  const hasDerived = data.some((d) => d.main?.derived);
  const seriesValue = [
    ...names.map((name) => ({
      name: name.replace(/^(Tỉnh|Thành phố) /, ''),
      type: 'line' as const,
      data: data.map((d) => d.parts.find((p) => p.name === name)?.value ?? null),
    })),
    ...(hasDerived
      ? [
          {
            name: 'Trung bình (suy ra)',
            type: 'line' as const,
            lineStyle: { type: 'dashed' as const },
            data: data.map((d) => (d.main?.derived ? d.main.value : null)),
          },
        ]
      : []),
    {
      name: 'Trung vị cả nước',
      type: 'line' as const,
      lineStyle: { type: 'dotted' as const },
      itemStyle: { color: '#999' },
      data: data.map((d) => d.median),
    },
  ];
  const seriesRank = names.map((name) => ({
    name: name.replace(/^(Tỉnh|Thành phố) /, ''),
    type: 'line' as const,
    data: data.map((d) => d.parts.find((p) => p.name === name)?.rank ?? null),
  }));
  return (
    <>
      <Card size="small" title="Điểm qua các năm" style={{ marginBottom: 16 }}>
        <Chart
          option={{
            tooltip: { trigger: 'axis' },
            legend: { bottom: 0 },
            grid: { left: 40, right: 20, top: 20, bottom: 50 },
            xAxis: { type: 'category', data: years },
            yAxis: { type: 'value', scale: true },
            series: seriesValue,
          }}
        />
      </Card>
      <Card size="small" title="Thứ hạng qua các năm (1 là cao nhất)">
        <Chart
          option={{
            tooltip: { trigger: 'axis' },
            legend: { bottom: 0 },
            grid: { left: 40, right: 20, top: 20, bottom: 50 },
            xAxis: { type: 'category', data: years },
            yAxis: { type: 'value', inverse: true, min: 1 },
            series: seriesRank,
          }}
        />
      </Card>
    </>
  );
}
