/** The directives dashboard: completion, overdue, the weakest units, the monthly trend. */
import { Link, useNavigate } from 'react-router-dom';
import { Alert, Card, Col, Empty, Progress, Row, Space, Statistic, Table, Tooltip, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../lib/api';
import { useSession } from '../../lib/session';
import { Chart } from '../../components/Chart';
import { pct } from './common';
import { UnitTable } from './TaskTables';
import { formatNumber, formatPercent } from '../../lib/format';

export function Dashboard() {
  const { unitCode, me } = useSession();
  const navigate = useNavigate();
  const q = useQuery({
    queryKey: ['directives', 'dashboard', unitCode],
    queryFn: () =>
      unwrap(api.GET('/api/directives/dashboard', { params: { query: { unit: unitCode === me.provinceCode ? undefined : unitCode } } })),
  });
  const d = q.data;
  if (!d) return <Card loading />;
  const t = d.totals;
  const units = d.byUnit
    .slice()
    .sort((a, b) => pct(a.done, a.tasks) - pct(b.done, b.tasks))
    .slice(0, 20);
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <WaitingForMe />
      <Row gutter={[16, 16]}>
        <Col xs={12} md={6}>
          <Card>
            <Statistic groupSeparator="." decimalSeparator="," title="Nhiệm vụ được giao" value={t.tasks} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card>
            <Tooltip title="Số nhiệm vụ đã hoàn thành (được Sở Nội vụ chấp nhận) trên tổng số">
              <Statistic groupSeparator="." decimalSeparator="," title="Tỷ lệ hoàn thành" value={pct(t.done, t.tasks)} suffix="%" />
            </Tooltip>
            <Progress percent={pct(t.done, t.tasks)} showInfo={false} size="small" />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card>
            <Tooltip title="Số nhiệm vụ hoàn thành đúng hạn trên số đã hoàn thành">
              <Statistic
                groupSeparator="."
                decimalSeparator=","
                title="Đúng hạn (trong số đã hoàn thành)"
                value={pct(t.doneOnTime, t.done)}
                suffix="%"
              />
            </Tooltip>
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card>
            <Statistic
              groupSeparator="."
              decimalSeparator=","
              title="Quá hạn chưa hoàn thành"
              value={t.overdue}
              styles={{ content: { color: t.overdue ? '#cf1322' : undefined } }}
            />
          </Card>
        </Col>
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card size="small" title="20 đơn vị có tỷ lệ hoàn thành thấp nhất">
            <Chart
              height={Math.max(260, units.length * 24 + 60)}
              option={{
                tooltip: { trigger: 'axis' },
                legend: { bottom: 0 },
                grid: { left: 8, right: 20, top: 10, bottom: 40, containLabel: true },
                xAxis: { type: 'value' },
                yAxis: {
                  type: 'category',
                  inverse: true,
                  data: units.map((u) => (u.unitName.length > 30 ? u.unitName.slice(0, 29) + '…' : u.unitName)),
                },
                series: [
                  { name: 'Đúng hạn', type: 'bar', stack: 'a', data: units.map((u) => u.doneOnTime), itemStyle: { color: '#389e0d' } },
                  {
                    name: 'Hoàn thành quá hạn',
                    type: 'bar',
                    stack: 'a',
                    data: units.map((u) => u.done - u.doneOnTime),
                    itemStyle: { color: '#faad14' },
                  },
                  {
                    name: 'Đang thực hiện / chưa đến hạn',
                    type: 'bar',
                    stack: 'a',
                    data: units.map((u) => u.inProgress + u.notStarted),
                    itemStyle: { color: '#91caff' },
                  },
                  { name: 'Quá hạn', type: 'bar', stack: 'a', data: units.map((u) => u.overdue), itemStyle: { color: '#cf1322' } },
                ],
              }}
            />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card size="small" title="Báo cáo được chấp nhận theo tháng">
            {d.trend.length ? (
              <Chart
                option={{
                  tooltip: { trigger: 'axis' },
                  legend: { bottom: 0 },
                  grid: { left: 40, right: 10, top: 10, bottom: 40 },
                  xAxis: { type: 'category', data: d.trend.map((m) => `${m.month.slice(5)}/${m.month.slice(0, 4)}`) },
                  yAxis: { type: 'value' },
                  series: [
                    { name: 'Đúng hạn', type: 'line', data: d.trend.map((m) => m.onTime), itemStyle: { color: '#389e0d' } },
                    { name: 'Quá hạn', type: 'line', data: d.trend.map((m) => m.late), itemStyle: { color: '#faad14' } },
                  ],
                }}
              />
            ) : (
              <Empty description="Chưa có báo cáo nào được chấp nhận" />
            )}
          </Card>
          <Card size="small" title="Theo văn bản" style={{ marginTop: 16 }}>
            <Table
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={d.byDirective}
              onRow={(r) => ({ onClick: () => navigate(`/directives/${r.id}`), style: { cursor: 'pointer' } })}
              columns={[
                {
                  title: 'Văn bản',
                  dataIndex: 'number',
                  render: (n: string, r) => (
                    <Tooltip title={r.title}>
                      <a>{n}</a>
                    </Tooltip>
                  ),
                },
                { title: 'Nhiệm vụ', dataIndex: 'tasks', width: 80, render: (v: number) => formatNumber(v) },
                {
                  title: 'Hoàn thành',
                  width: 140,
                  render: (_, r) => <Progress percent={pct(r.done, r.tasks)} format={(v) => formatPercent(v)} size="small" />,
                },
                {
                  title: 'Quá hạn',
                  dataIndex: 'overdue',
                  width: 70,
                  render: (v: number) => <Typography.Text type={v ? 'danger' : undefined}>{formatNumber(v)}</Typography.Text>,
                },
              ]}
            />
          </Card>
        </Col>
      </Row>
      <UnitTable rows={d.byUnit} />
    </Space>
  );
}

/** What waits for the signed-in user: reports to review, drafts to send, returned reports to rewrite. */
export function WaitingForMe() {
  const q = useQuery({ queryKey: ['tasks', 'waiting'], queryFn: () => unwrap(api.GET('/api/tasks/waiting')) });
  const w = q.data;
  if (!w) return null;
  const items = [
    { n: w.toReview, state: 'submitted', text: 'báo cáo chờ Sở Nội vụ thẩm định' },
    { n: w.toSubmit, state: 'draft', text: 'báo cáo đang soạn, chờ thủ trưởng duyệt và gửi' },
    { n: w.returned, state: 'returned', text: 'báo cáo bị trả lại, cần bổ sung' },
  ].filter((i) => i.n > 0);
  if (!items.length) return null;
  return (
    <Alert
      type="info"
      showIcon
      title="Việc đang chờ bạn"
      description={
        <Space direction="vertical" size={2}>
          {items.map((i) => (
            <Link key={i.state} to={`/directives?tab=tasks&reportState=${i.state}`}>
              {formatNumber(i.n)} nhiệm vụ có {i.text}
            </Link>
          ))}
        </Space>
      }
    />
  );
}
