/** Results: per unit, aspect and item the share satisfied and the mean with the 95 % margin and n; weighted; trend; official SIPAS. */
import { useMemo } from 'react';
import { Alert, Card, Col, Grid, Row, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api, unwrap, urlFor } from '../../lib/api';
import { formatDate, formatNumber } from '../../lib/format';
import { useUrlFilters } from '../../lib/url-filters';
import { Chart } from '../../components/Chart';
import { margin, share, type SurveyDetail, type TrendPoint } from './common';

const unreliable = <Tag color="orange">Chưa đủ số phiếu</Tag>;

export function ResultsTab({ survey }: { survey: SurveyDetail }) {
  const { get, set } = useUrlFilters();
  const phone = !Grid.useBreakpoint().md;
  const unit = get('unit');
  const id = survey.id;
  const samples = useQuery({
    queryKey: ['surveys', 'samples', id],
    queryFn: () => unwrap(api.GET('/api/surveys/{id}/samples', { params: { path: { id } } })),
  });
  const res = useQuery({
    queryKey: ['surveys', 'results', id, unit],
    queryFn: () => unwrap(api.GET('/api/surveys/{id}/results', { params: { path: { id }, query: { unit } } })),
  });
  const trend = useQuery({
    queryKey: ['surveys', 'trend', survey.template, unit],
    enabled: !!survey.template,
    queryFn: async () =>
      (await unwrap(api.GET('/api/surveys/trend', { params: { query: { template: survey.template!, unit } } }))) as TrendPoint[],
  });
  const r = res.data;
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis' as const, valueFormatter: (v: unknown) => `${formatNumber(Number(v), 1)} %` },
      grid: { left: phone ? 110 : 260, right: 40, top: 8, bottom: 24 },
      xAxis: { type: 'value' as const, max: 100, axisLabel: { formatter: (v: number) => `${formatNumber(v)} %` } },
      yAxis: {
        type: 'category' as const,
        inverse: true,
        data: (r?.aspects ?? []).map((a) => a.label),
        axisLabel: { width: phone ? 100 : 250, overflow: 'truncate' as const },
      },
      series: [
        {
          name: 'Tỷ lệ hài lòng',
          type: 'bar' as const,
          data: (r?.aspects ?? []).map((a) => (a.satisfiedShare === null ? null : Math.round(a.satisfiedShare * 1000) / 10)),
          label: { show: true, position: 'right' as const, formatter: (p: { value: unknown }) => `${formatNumber(Number(p.value), 1)} %` },
        },
      ],
    }),
    [r, phone],
  );
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Space wrap>
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          placeholder="Toàn tỉnh (mọi đơn vị trong mẫu)"
          style={{ width: phone ? '100%' : 320 }}
          value={unit}
          onChange={(v) => set({ unit: v })}
          options={(samples.data ?? []).map((s) => ({ value: s.unitCode, label: s.unitName }))}
          aria-label="Đơn vị"
        />
        <a href={urlFor('/api/surveys/{id}/results.xlsx', { path: { id }, query: { unit } })}>Tải XLSX</a>
        <a href={urlFor('/api/surveys/{id}/results.docx', { path: { id } })}>Báo cáo DOCX</a>
      </Space>
      {r && (
        <>
          <Alert
            type="info"
            showIcon
            message={r.overall.definition}
            description={`Sai số ở mức tin cậy 95 %; kết quả dưới ${formatNumber(r.minValid)} phiếu hợp lệ được ghi "chưa đủ số phiếu".`}
          />
          <Row gutter={[12, 12]}>
            <Col xs={12} md={6}>
              <Card>
                <Statistic title="Phiếu hợp lệ" value={formatNumber(r.valid)} />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card>
                <Statistic
                  title="Tỷ lệ hài lòng chung"
                  value={share(r.overall.satisfiedShare)}
                  suffix={<small>{margin(r.overall.marginOfError)}</small>}
                />
                {!r.overall.reliable && unreliable}
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card>
                <Statistic title="Điểm trung bình (1–5)" value={r.overall.mean === null ? '—' : formatNumber(r.overall.mean, 2)} />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card>
                {r.weighted ? (
                  <Statistic
                    title="Có trọng số theo số người được phục vụ"
                    value={share(r.weighted.satisfiedShare)}
                    suffix={<small>{margin(r.weighted.marginOfError)}</small>}
                  />
                ) : r.official ? (
                  <Statistic title={`SIPAS chính thức ${r.official.year}`} value={`${formatNumber(r.official.value ?? 0, 2)} %`} />
                ) : (
                  <Statistic title="Có trọng số" value="—" />
                )}
              </Card>
            </Col>
          </Row>
          {r.official && r.weighted && (
            <Typography.Text>
              So sánh: SIPAS chính thức năm {r.official.year} của tỉnh {formatNumber(r.official.value ?? 0, 2)} %
              {r.official.rank ? `, xếp hạng ${r.official.rank}` : ''}; khảo sát này {share(r.weighted.satisfiedShare)} (có trọng số).
            </Typography.Text>
          )}
          <Card size="small" title="Tỷ lệ hài lòng theo khía cạnh">
            <Chart option={option} height={Math.max(200, r.aspects.length * 34)} />
          </Card>
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            scroll={{ x: 720 }}
            dataSource={r.aspects}
            columns={[
              { title: 'Khía cạnh', dataIndex: 'label' },
              { title: 'Người trả lời', width: 120, align: 'right', render: (_, a) => formatNumber(a.n) },
              { title: 'Tỷ lệ hài lòng', width: 130, align: 'right', render: (_, a) => share(a.satisfiedShare) },
              { title: 'Sai số 95 % (điểm %)', width: 160, align: 'right', render: (_, a) => margin(a.marginOfError) },
              { title: 'Điểm TB', width: 90, align: 'right', render: (_, a) => (a.mean === null ? '—' : formatNumber(a.mean, 2)) },
              { title: '', width: 150, render: (_, a) => (a.reliable ? null : unreliable) },
            ]}
          />
          <Card size="small" title="Theo nội dung">
            <Table
              size="small"
              rowKey="id"
              pagination={{ pageSize: 40, hideOnSinglePage: true }}
              scroll={{ x: 820 }}
              dataSource={r.items}
              columns={[
                { title: 'Mã', dataIndex: 'id', width: 70 },
                { title: 'Nội dung', dataIndex: 'text' },
                { title: 'n', width: 70, align: 'right', render: (_, i) => formatNumber(i.n) },
                { title: 'Hài lòng', width: 100, align: 'right', render: (_, i) => share(i.satisfiedShare) },
                { title: 'Sai số', width: 90, align: 'right', render: (_, i) => margin(i.marginOfError) },
                { title: 'Điểm TB', width: 80, align: 'right', render: (_, i) => (i.mean === null ? '—' : formatNumber(i.mean, 2)) },
              ]}
            />
          </Card>
          {!unit && r.perUnit.length > 0 && (
            <Card size="small" title="Theo đơn vị">
              <Table
                size="small"
                rowKey="unitCode"
                pagination={{ pageSize: 20, hideOnSinglePage: true }}
                scroll={{ x: 640 }}
                dataSource={r.perUnit}
                columns={[
                  { title: 'Đơn vị', dataIndex: 'unitName' },
                  { title: 'Phiếu hợp lệ', width: 120, align: 'right', render: (_, u) => formatNumber(u.n) },
                  { title: 'Tỷ lệ hài lòng', width: 130, align: 'right', render: (_, u) => share(u.satisfiedShare) },
                  { title: 'Sai số', width: 100, align: 'right', render: (_, u) => margin(u.marginOfError) },
                  { title: '', width: 150, render: (_, u) => (u.reliable ? null : unreliable) },
                ]}
              />
            </Card>
          )}
          {r.weightedItems.length > 0 && (
            <Card size="small" title="Điểm có trọng số (A 100 %, B 60 %, C 20 %, D 0 %)">
              <Table
                size="small"
                rowKey="id"
                pagination={false}
                dataSource={r.weightedItems}
                columns={[
                  { title: 'Tiêu chí', dataIndex: 'text' },
                  { title: 'n', width: 70, align: 'right', render: (_, i) => formatNumber(i.n) },
                  {
                    title: 'Điểm',
                    width: 90,
                    align: 'right',
                    render: (_, i) => (i.score === null ? '—' : `${formatNumber(i.score, 1)} %`),
                  },
                ]}
              />
            </Card>
          )}
          {(trend.data?.length ?? 0) > 1 && (
            <Card size="small" title="Qua các kỳ (cùng mẫu bảng hỏi)">
              <Table
                size="small"
                rowKey="surveyId"
                pagination={false}
                dataSource={trend.data}
                columns={[
                  { title: 'Cuộc khảo sát', dataIndex: 'name' },
                  { title: 'Kỳ', width: 200, render: (_, t) => `${formatDate(t.periodFrom)} – ${formatDate(t.periodTo)}` },
                  { title: 'Phiếu', width: 90, align: 'right', render: (_, t) => formatNumber(t.valid) },
                  { title: 'Hài lòng', width: 110, align: 'right', render: (_, t) => share(t.satisfiedShare) },
                  { title: 'Sai số', width: 90, align: 'right', render: (_, t) => margin(t.marginOfError) },
                ]}
              />
            </Card>
          )}
        </>
      )}
    </Space>
  );
}
