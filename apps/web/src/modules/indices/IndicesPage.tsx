import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Alert, Card, Select, Space, Tabs, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../lib/api';
import { useSession } from '../../lib/session';
import { INDEX_OPTIONS, type IndexCode } from './common';
import { AnalysisTab } from './AnalysisTab';
import { TrendTab } from './TrendTab';
import { HeatmapTab } from './HeatmapTab';
import { WhatIfTab } from './WhatIfTab';
import { ResultsTab } from './ResultsTab';
import { ImportTab } from './ImportTab';
import { SchemesTab } from './SchemesTab';

export function IndicesPage() {
  const { me, can } = useSession();
  const [params, setParams] = useSearchParams();
  const index = (params.get('index') as IndexCode | null) ?? 'PAPI';
  const tab = params.get('tab') ?? 'analysis';
  const trend = useQuery({
    queryKey: ['indices', 'trend', index, me.provinceCode],
    queryFn: () => unwrap(api.GET('/api/indices/trend', { params: { query: { index, province: me.provinceCode } } })),
  });
  const years = useMemo(() => (trend.data ?? []).map((t) => t.year).sort((a, b) => b - a), [trend.data]);
  const [year, setYear] = useState<number | undefined>();
  useEffect(() => {
    if (!year || !years.includes(year)) setYear(years[0]);
  }, [years, year]);
  const set = (k: string, v: string) =>
    setParams(
      (p) => {
        p.set(k, v);
        return p;
      },
      { replace: true },
    );

  const needsYear = (node: React.ReactNode) =>
    year ? (
      node
    ) : (
      <Alert
        type="info"
        showIcon
        title={`Chưa có kết quả ${INDEX_OPTIONS.find((o) => o.value === index)?.label} nào.`}
        description="Nhập kết quả ở thẻ “Nhập dữ liệu”, hoặc nhập tay ở thẻ “Kết quả các tỉnh”."
      />
    );

  return (
    <>
      <Typography.Title level={3} className="page-title">
        Chỉ số PAR INDEX, SIPAS, PAPI, 766
      </Typography.Title>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Space wrap>
          <span>Chỉ số</span>
          <Select aria-label="Chỉ số" value={index} options={INDEX_OPTIONS} onChange={(v) => set('index', v)} style={{ width: 170 }} />
          <span>Năm</span>
          <Select
            aria-label="Năm"
            value={year}
            onChange={setYear}
            options={years.map((y) => ({ value: y, label: y }))}
            style={{ width: 100 }}
            loading={trend.isPending}
          />
        </Space>
      </Card>
      <Tabs
        activeKey={tab}
        onChange={(k) => set('tab', k)}
        items={[
          { key: 'analysis', label: 'Phân tích', children: needsYear(year && <AnalysisTab index={index} year={year} />) },
          { key: 'trend', label: 'Xu hướng', children: needsYear(<TrendTab index={index} data={trend.data ?? []} />) },
          { key: 'heatmap', label: 'Bản đồ nhiệt', children: needsYear(year && <HeatmapTab index={index} year={year} />) },
          { key: 'whatif', label: 'Giả định', children: needsYear(year && <WhatIfTab index={index} year={year} />) },
          { key: 'results', label: 'Kết quả các tỉnh', children: <ResultsTab index={index} year={year} /> },
          ...(can('index_result.import') ? [{ key: 'import', label: 'Nhập dữ liệu', children: <ImportTab index={index} /> }] : []),
          { key: 'schemes', label: 'Phương pháp', children: <SchemesTab index={index} /> },
        ]}
      />
    </>
  );
}
