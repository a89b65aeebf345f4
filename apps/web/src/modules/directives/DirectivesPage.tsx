import { useSearchParams, Link, useNavigate } from 'react-router-dom';
import {
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Input,
  Progress,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Tabs,
  Tooltip,
  Typography,
  type TablePaginationConfig,
} from 'antd';
import { FileWordOutlined, FileExcelOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import dayjs, { type Dayjs } from 'dayjs';
import { api, unwrap, urlFor } from '../../lib/api';
import { formatDate, formatNumber } from '../../lib/format';
import { useSession } from '../../lib/session';
import { Chart } from '../../components/Chart';
import { StatusTag, pct, type TaskSummary, type UnitProgress } from './common';

export function DirectivesPage() {
  const { can } = useSession();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'dashboard';
  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Title level={3} className="page-title">
          Chỉ đạo, điều hành
        </Typography.Title>
        {can('directive.create') && (
          <Link to="/directives/import">
            <Button type="primary" icon={<PlusOutlined />}>
              Nhập văn bản chỉ đạo
            </Button>
          </Link>
        )}
      </Space>
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams({ tab: k }, { replace: true })}
        items={[
          { key: 'dashboard', label: 'Bảng điều hành', children: <Dashboard /> },
          { key: 'overdue', label: 'Nhiệm vụ quá hạn', children: <TaskList status="overdue" /> },
          { key: 'tasks', label: 'Nhiệm vụ', children: <TaskList /> },
          { key: 'list', label: 'Văn bản', children: <DirectiveList /> },
          ...(can('directive.report') ? [{ key: 'report', label: 'Báo cáo tổng hợp', children: <CompiledReport /> }] : []),
        ]}
      />
    </>
  );
}

function Dashboard() {
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
                { title: 'Nhiệm vụ', dataIndex: 'tasks', width: 80 },
                { title: 'Hoàn thành', width: 140, render: (_, r) => <Progress percent={pct(r.done, r.tasks)} size="small" /> },
                {
                  title: 'Quá hạn',
                  dataIndex: 'overdue',
                  width: 70,
                  render: (v: number) => <Typography.Text type={v ? 'danger' : undefined}>{v}</Typography.Text>,
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

export function UnitTable({ rows, title = 'Theo đơn vị chủ trì' }: { rows: UnitProgress[]; title?: string }) {
  const { setUnitCode } = useSession();
  return (
    <Card size="small" title={title}>
      <Table<UnitProgress>
        size="small"
        rowKey="unitCode"
        dataSource={rows}
        scroll={{ x: 700 }}
        pagination={{ pageSize: 15, showSizeChanger: false, hideOnSinglePage: true }}
        columns={[
          {
            title: 'Đơn vị',
            dataIndex: 'unitName',
            render: (n: string, r) => (
              <Tooltip title="Xem riêng đơn vị này">
                <a onClick={() => setUnitCode(r.unitCode)}>{n}</a>
              </Tooltip>
            ),
          },
          { title: 'Nhiệm vụ', dataIndex: 'tasks', width: 90, sorter: (a, b) => a.tasks - b.tasks },
          {
            title: 'Hoàn thành',
            width: 160,
            sorter: (a, b) => pct(a.done, a.tasks) - pct(b.done, b.tasks),
            render: (_, r) => <Progress percent={pct(r.done, r.tasks)} size="small" />,
          },
          { title: 'Đúng hạn', dataIndex: 'doneOnTime', width: 90 },
          {
            title: 'Quá hạn',
            dataIndex: 'overdue',
            width: 90,
            defaultSortOrder: 'descend',
            sorter: (a, b) => a.overdue - b.overdue,
            render: (v: number) => (
              <Typography.Text type={v ? 'danger' : undefined} strong={!!v}>
                {v}
              </Typography.Text>
            ),
          },
        ]}
      />
    </Card>
  );
}

const PAGE = 20;

/** The caller's tasks, one page at a time: the server filters, searches, sorts and counts. */
function TaskList({ status }: { status?: 'overdue' }) {
  const { unitCode, me } = useSession();
  const [filter, setFilter] = useState<string | undefined>(status);
  const [search, setSearch] = useState('');
  const [page, setPage] = useState(1);
  const query = {
    unit: unitCode === me.provinceCode ? undefined : unitCode,
    status: filter as never,
    q: search || undefined,
    limit: PAGE,
    offset: (page - 1) * PAGE,
  };
  const q = useQuery({
    queryKey: ['tasks', query],
    queryFn: () => unwrap(api.GET('/api/tasks', { params: { query } })),
    placeholderData: (prev) => prev,
  });
  return (
    <Card size="small">
      <Space wrap style={{ marginBottom: 12 }}>
        {!status && (
          <Select
            allowClear
            placeholder="Mọi trạng thái"
            value={filter}
            onChange={(v) => {
              setFilter(v);
              setPage(1);
            }}
            style={{ width: 240 }}
            options={[
              { value: 'not_started', label: 'Chưa thực hiện' },
              { value: 'in_progress', label: 'Đang thực hiện' },
              { value: 'done_on_time', label: 'Hoàn thành đúng hạn' },
              { value: 'done_late', label: 'Hoàn thành quá hạn' },
              { value: 'overdue', label: 'Quá hạn chưa hoàn thành' },
            ]}
          />
        )}
        <Input.Search
          allowClear
          placeholder="Tìm nội dung, ký hiệu, số văn bản"
          style={{ width: 300 }}
          onSearch={(v) => {
            setSearch(v.trim());
            setPage(1);
          }}
        />
      </Space>
      <TaskTable
        rows={q.data?.rows ?? []}
        loading={q.isFetching}
        pagination={{
          current: page,
          pageSize: PAGE,
          total: q.data?.total ?? 0,
          onChange: setPage,
          showSizeChanger: false,
          showTotal: (n) => `${formatNumber(n)} nhiệm vụ`,
          hideOnSinglePage: true,
        }}
      />
    </Card>
  );
}

export function TaskTable({
  rows,
  loading,
  showUnit = true,
  pagination,
}: {
  rows: TaskSummary[];
  loading?: boolean;
  showUnit?: boolean;
  pagination?: TablePaginationConfig;
}) {
  const navigate = useNavigate();
  return (
    <Table<TaskSummary>
      size="small"
      rowKey="id"
      loading={loading}
      dataSource={rows}
      scroll={{ x: 900 }}
      pagination={
        pagination ?? { pageSize: 20, showSizeChanger: false, showTotal: (n) => `${formatNumber(n)} nhiệm vụ`, hideOnSinglePage: true }
      }
      onRow={(r) => ({ onClick: () => navigate(`/directives/tasks/${r.id}`), style: { cursor: 'pointer' } })}
      columns={[
        { title: 'Văn bản', dataIndex: 'directiveNumber', width: 120 },
        ...(showUnit ? [{ title: 'Đơn vị chủ trì', dataIndex: 'leadUnitName', width: 200 }] : []),
        {
          title: 'Nhiệm vụ',
          dataIndex: 'content',
          render: (c: string, r) => (
            <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: 0 }}>
              {r.label} {c}
            </Typography.Paragraph>
          ),
        },
        { title: 'Hạn', width: 110, render: (_, r) => formatDate(r.nextDueDate ?? r.dueDate) },
        {
          title: 'Trạng thái',
          width: 190,
          render: (_, r) => (
            <>
              <StatusTag status={r.status} label={r.statusLabel} />
              {r.daysLate > 0 && <Typography.Text type="danger"> {r.daysLate} ngày</Typography.Text>}
            </>
          ),
        },
      ]}
    />
  );
}

function DirectiveList() {
  const navigate = useNavigate();
  const [search, setSearch] = useState('');
  const [page, setPage] = useState(1);
  const query = { q: search || undefined, limit: PAGE, offset: (page - 1) * PAGE };
  const q = useQuery({
    queryKey: ['directives', 'list', query],
    queryFn: () => unwrap(api.GET('/api/directives', { params: { query } })),
    placeholderData: (p) => p,
  });
  return (
    <Card size="small">
      <Input.Search
        allowClear
        placeholder="Tìm theo số, ký hiệu hoặc trích yếu"
        style={{ width: 320, marginBottom: 12 }}
        onSearch={(v) => {
          setSearch(v.trim());
          setPage(1);
        }}
      />
      <Table
        size="small"
        rowKey="id"
        loading={q.isFetching}
        dataSource={q.data?.rows ?? []}
        scroll={{ x: 900 }}
        pagination={{
          current: page,
          pageSize: PAGE,
          total: q.data?.total ?? 0,
          onChange: setPage,
          showSizeChanger: false,
          hideOnSinglePage: true,
          showTotal: (n) => `${formatNumber(n)} văn bản`,
        }}
        onRow={(r) => ({ onClick: () => navigate(`/directives/${r.id}`), style: { cursor: 'pointer' } })}
        columns={[
          { title: 'Số, ký hiệu', dataIndex: 'number', width: 130 },
          { title: 'Loại', dataIndex: 'kindLabel', width: 100 },
          { title: 'Ngày', dataIndex: 'issuedOn', width: 110, render: formatDate },
          {
            title: 'Trích yếu',
            dataIndex: 'title',
            render: (t: string) => (
              <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: 0 }}>
                {t}
              </Typography.Paragraph>
            ),
          },
          { title: 'Nhiệm vụ', dataIndex: 'tasks', width: 90 },
          { title: 'Hoàn thành', width: 150, render: (_, r) => <Progress percent={pct(r.done, r.tasks)} size="small" /> },
          { title: 'Quá hạn', dataIndex: 'overdue', width: 80 },
        ]}
      />
    </Card>
  );
}

const PRESETS = [
  { label: 'Quý IV/2026', from: '2026-10-01', to: '2026-12-31' },
  { label: 'Quý III/2026', from: '2026-07-01', to: '2026-09-30' },
  { label: '6 tháng đầu năm 2026', from: '2026-01-01', to: '2026-06-30' },
  { label: '9 tháng năm 2026', from: '2026-01-01', to: '2026-09-30' },
  { label: 'Năm 2026', from: '2026-01-01', to: '2026-12-31' },
];

function CompiledReport() {
  const [preset, setPreset] = useState(2);
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs(PRESETS[2]!.from), dayjs(PRESETS[2]!.to)]);
  const label = PRESETS[preset]?.label;
  const query = { from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD'), label };
  return (
    <Card size="small" title="Báo cáo kết quả thực hiện nhiệm vụ CCHC">
      <Typography.Paragraph type="secondary">
        Số liệu trong báo cáo là số liệu của bảng điều hành tính đến ngày cuối kỳ. DOCX theo thể thức Nghị định 30/2020/NĐ-CP.
      </Typography.Paragraph>
      <Space wrap>
        <Select
          value={preset}
          style={{ width: 220 }}
          onChange={(i) => {
            setPreset(i);
            const p = PRESETS[i]!;
            setRange([dayjs(p.from), dayjs(p.to)]);
          }}
          options={PRESETS.map((p, i) => ({ value: i, label: p.label }))}
        />
        <DatePicker.RangePicker
          format="DD/MM/YYYY"
          value={range}
          onChange={(v) => {
            if (v?.[0] && v[1]) {
              setRange([v[0], v[1]]);
              setPreset(-1);
            }
          }}
        />
        <Button type="primary" icon={<FileWordOutlined />} href={urlFor('/api/directives/report.docx', { query })}>
          Tải DOCX
        </Button>
        <Button icon={<FileExcelOutlined />} href={urlFor('/api/directives/report.xlsx', { query })}>
          Tải XLSX
        </Button>
      </Space>
    </Card>
  );
}
