import { useMemo, useState, type ReactNode } from 'react';
import { Card, Col, Empty, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../lib/api';
import { formatNumber } from '../../lib/format';
import { Chart } from '../../components/Chart';
import type { operations } from '@cchc/api-client';

type Analysis = operations['getAssessmentAnalysis']['responses'][200]['content']['application/json'];
type Loss = Analysis['criteria'][number];
type Gap = NonNullable<Analysis['unit']>['gaps'][number];
type Yoy = Analysis['yearOverYear'][number];
const n = (v: number | null) => (v === null ? '–' : formatNumber(v, 2));

/** Where the group lost its points, what the appraisers marked down, one unit's gaps, the change from last year. */
export function AnalysisTab({ roundId, picker, units }: { roundId: number; picker: ReactNode; units: { code: string; name: string }[] }) {
  const [unit, setUnit] = useState<string | undefined>();
  const analysis = useQuery({
    queryKey: ['assessment', 'analysis', roundId, unit],
    queryFn: () =>
      unwrap(api.GET('/api/assessment/rounds/{id}/analysis', { params: { path: { id: roundId }, query: unit ? { unit } : {} } })),
  });
  const a = analysis.data;
  const top = useMemo(() => (a?.criteria ?? []).slice(0, 10).reverse(), [a]);
  const option = useMemo(
    () => ({
      grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis' as const, valueFormatter: (v: unknown) => `${formatNumber(Number(v), 2)} điểm` },
      xAxis: { type: 'value' as const, axisLabel: { formatter: (v: number) => formatNumber(v) } },
      yAxis: { type: 'category' as const, data: top.map((c) => c.code) },
      series: [
        {
          type: 'bar' as const,
          data: top.map((c) => c.lost),
          itemStyle: { color: '#cf1322' },
          label: { show: true, position: 'right' as const, formatter: (p: { value: unknown }) => formatNumber(Number(p.value), 1) },
        },
      ],
    }),
    [top],
  );
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      {picker}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card size="small" title="10 tiêu chí mất nhiều điểm nhất (tổng điểm bị mất của cả nhóm)" loading={analysis.isPending}>
            {top.length ? <Chart option={option} height={Math.max(200, top.length * 32)} /> : <Empty description="Chưa có điểm." />}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title="Tiêu chí bị hạ điểm khi thẩm định nhiều nhất" loading={analysis.isPending}>
            <Table<Loss>
              size="small"
              rowKey="code"
              pagination={false}
              dataSource={a?.mostMarkedDown ?? []}
              locale={{ emptyText: 'Chưa có tiêu chí nào bị hạ điểm.' }}
              columns={[
                { title: 'Mã', dataIndex: 'code', width: 60 },
                { title: 'Tiêu chí', dataIndex: 'content', ellipsis: true },
                {
                  title: 'Số đơn vị bị hạ điểm',
                  dataIndex: 'markedDown',
                  width: 120,
                  align: 'right',
                  render: (v: number) => formatNumber(v),
                },
              ]}
            />
          </Card>
        </Col>
      </Row>
      <Card size="small" title={`Điểm bị mất theo tiêu chí – ${a ? formatNumber(a.units) : ''} đơn vị`}>
        <Table<Loss>
          size="small"
          rowKey="code"
          loading={analysis.isPending}
          dataSource={a?.criteria ?? []}
          scroll={{ x: 860 }}
          pagination={{ pageSize: 15 }}
          columns={[
            { title: 'Mã', dataIndex: 'code', width: 60 },
            { title: 'Tiêu chí', dataIndex: 'content' },
            { title: 'Tối đa', dataIndex: 'maxPoints', width: 70, align: 'right', render: n },
            { title: 'Trung bình', dataIndex: 'average', width: 90, align: 'right', render: n },
            { title: 'Cao nhất', dataIndex: 'best', width: 80, align: 'right', render: n },
            { title: 'Trung vị', dataIndex: 'median', width: 80, align: 'right', render: n },
            { title: 'Điểm bị mất', dataIndex: 'lost', width: 100, align: 'right', render: n },
            { title: 'Tỷ trọng', dataIndex: 'lostShare', width: 80, align: 'right', render: (v: number) => `${formatNumber(v, 1)} %` },
          ]}
        />
      </Card>
      <Card
        size="small"
        title="Một đơn vị so với đơn vị cao nhất và trung vị của nhóm"
        extra={
          <Select
            showSearch
            allowClear
            optionFilterProp="label"
            placeholder="Chọn đơn vị"
            style={{ minWidth: 260 }}
            value={unit}
            onChange={setUnit}
            options={units.map((u) => ({ value: u.code, label: u.name }))}
          />
        }
      >
        {a?.unit ? (
          <Table<Gap>
            size="small"
            rowKey="code"
            dataSource={a.unit.gaps}
            scroll={{ x: 760 }}
            pagination={{ pageSize: 15 }}
            columns={[
              { title: 'Mã', dataIndex: 'code', width: 60 },
              { title: 'Tiêu chí', dataIndex: 'content' },
              { title: 'Điểm', dataIndex: 'points', width: 70, align: 'right', render: n },
              { title: 'Mất', dataIndex: 'lost', width: 70, align: 'right', render: n },
              { title: 'Cao nhất', dataIndex: 'best', width: 80, align: 'right', render: n },
              { title: 'Trung vị', dataIndex: 'median', width: 80, align: 'right', render: n },
            ]}
          />
        ) : (
          <Typography.Text type="secondary">Chọn một đơn vị để xem điểm bị mất của đơn vị đó.</Typography.Text>
        )}
      </Card>
      <Card size="small" title={a?.previousYear ? `So với năm ${a.previousYear}` : 'So với năm trước'}>
        {a && !a.previousYear ? (
          <Typography.Text type="secondary">Chưa có đợt đánh giá của nhóm này ở năm trước.</Typography.Text>
        ) : (
          <Table<Yoy>
            size="small"
            rowKey="unitCode"
            loading={analysis.isPending}
            dataSource={a?.yearOverYear ?? []}
            scroll={{ x: 640 }}
            pagination={{ pageSize: 20 }}
            columns={[
              { title: 'Hạng', dataIndex: 'rank', width: 60 },
              { title: 'Đơn vị', dataIndex: 'unitName' },
              { title: 'Chỉ số (%)', dataIndex: 'index', width: 100, align: 'right', render: n },
              { title: 'Năm trước (%)', dataIndex: 'previousIndex', width: 110, align: 'right', render: n },
              {
                title: 'Thay đổi',
                dataIndex: 'change',
                width: 100,
                align: 'right',
                render: (v: number | null) =>
                  v === null ? '–' : <Tag color={v >= 0 ? 'green' : 'red'}>{`${v > 0 ? '+' : ''}${formatNumber(v, 2)}`}</Tag>,
              },
            ]}
          />
        )}
      </Card>
    </Space>
  );
}
