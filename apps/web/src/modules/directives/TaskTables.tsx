/** Tasks as tables: by lead unit, and one server-paged list (all tasks or the overdue ones). */
import { Link, useNavigate } from 'react-router-dom';
import {
  Button,
  Card,
  DatePicker,
  Grid,
  Input,
  List,
  Progress,
  Select,
  Space,
  Table,
  Tooltip,
  Typography,
  type TablePaginationConfig,
} from 'antd';
import { DownloadOutlined, FilterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import dayjs from 'dayjs';
import type { operations } from '@cchc/api-client';
import { api, unwrap, urlFor } from '../../lib/api';
import { useUrlFilters } from '../../lib/url-filters';
import { formatDate, formatNumber, formatPercent } from '../../lib/format';
import { useSession } from '../../lib/session';
import { StatusTag, pct, type TaskSummary, type UnitProgress } from './common';

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
          { title: 'Nhiệm vụ', dataIndex: 'tasks', width: 90, sorter: (a, b) => a.tasks - b.tasks, render: (v: number) => formatNumber(v) },
          {
            title: 'Hoàn thành',
            width: 160,
            sorter: (a, b) => pct(a.done, a.tasks) - pct(b.done, b.tasks),
            render: (_, r) => <Progress percent={pct(r.done, r.tasks)} format={(v) => formatPercent(v)} size="small" />,
          },
          { title: 'Đúng hạn', dataIndex: 'doneOnTime', width: 90, render: (v: number) => formatNumber(v) },
          {
            title: 'Quá hạn',
            dataIndex: 'overdue',
            width: 90,
            defaultSortOrder: 'descend',
            sorter: (a, b) => a.overdue - b.overdue,
            render: (v: number) => (
              <Typography.Text type={v ? 'danger' : undefined} strong={!!v}>
                {formatNumber(v)}
              </Typography.Text>
            ),
          },
        ]}
      />
    </Card>
  );
}

export const PAGE = 20;

const FILTER_KEYS = ['status', 'directive', 'q', 'dueFrom', 'dueTo', 'index', 'reportState', 'sort', 'page'];

const REPORT_STATES = [
  { value: 'submitted', label: 'Có báo cáo chờ thẩm định' },
  { value: 'draft', label: 'Có báo cáo đang soạn (chờ gửi)' },
  { value: 'returned', label: 'Có báo cáo bị trả lại' },
  { value: 'accepted', label: 'Có báo cáo đã chấp nhận' },
  { value: 'none', label: 'Chưa có báo cáo nào' },
];

/**
 * The caller's tasks, one page at a time: the server filters (state, directive, deadline range, index
 * component, report state), searches, sorts and counts; the filters live in the address so a link from
 * "waiting for me" opens the same list. The filtered list downloads as XLSX. On a phone: cards.
 */
export function TaskList({ status }: { status?: 'overdue' }) {
  const { unitCode, me } = useSession();
  const phone = !Grid.useBreakpoint().md;
  const { get, set, page, pagination } = useUrlFilters(PAGE);
  const [directiveSearch, setDirectiveSearch] = useState('');
  const [filtersOpen, setFiltersOpen] = useState(false);
  const filters = {
    unit: unitCode === me.provinceCode ? undefined : unitCode,
    status: (status ?? get('status')) as TaskQuery['status'],
    directive: get('directive') ? Number(get('directive')) : undefined,
    q: get('q'),
    dueFrom: get('dueFrom'),
    dueTo: get('dueTo'),
    index: get('index'),
    reportState: get('reportState') as TaskQuery['reportState'],
    sort: get('sort') as TaskQuery['sort'],
  };
  const query = { ...filters, limit: PAGE, offset: (page - 1) * PAGE };
  const q = useQuery({
    queryKey: ['tasks', query],
    queryFn: () => unwrap(api.GET('/api/tasks', { params: { query } })),
    placeholderData: (prev) => prev,
  });
  const directives = useQuery({
    queryKey: ['directives', 'pick', directiveSearch],
    queryFn: () => unwrap(api.GET('/api/directives', { params: { query: { q: directiveSearch || undefined, limit: 20, offset: 0 } } })),
  });
  const schemes = useQuery({ queryKey: ['indices', 'schemes'], queryFn: () => unwrap(api.GET('/api/index-schemes')) });
  const indexOptions = useMemo(() => {
    const seen = new Set<string>();
    return (schemes.data ?? [])
      .flatMap((sc) => [
        { value: sc.indexCode, label: `${INDEX_NAMES[sc.indexCode] ?? sc.indexCode}: mọi thành phần` },
        ...sc.components
          .filter((c) => !c.parentCode)
          .map((c) => ({
            value: `${sc.indexCode}:${c.code}`,
            label: `${INDEX_NAMES[sc.indexCode] ?? sc.indexCode} ${c.code} – ${c.name}`,
          })),
      ])
      .filter((o) => !seen.has(o.value) && seen.add(o.value));
  }, [schemes.data]);
  const search = (
    <Input.Search
      allowClear
      aria-label="Tìm nhiệm vụ"
      defaultValue={get('q')}
      placeholder="Tìm nội dung, ký hiệu, số văn bản"
      style={{ width: 280 }}
      onSearch={(v) => set({ q: v.trim() || undefined })}
    />
  );
  const any = FILTER_KEYS.some((k) => k !== 'page' && get(k));
  const pager = { ...pagination(q.data?.total, 'nhiệm vụ'), hideOnSinglePage: true };
  const rows = q.data?.rows ?? [];
  return (
    <Card size="small">
      {phone && (
        <Space style={{ marginBottom: 8 }} wrap>
          {search}
          <Button icon={<FilterOutlined />} onClick={() => setFiltersOpen(!filtersOpen)} aria-expanded={filtersOpen}>
            {filtersOpen ? 'Ẩn bộ lọc' : `Bộ lọc${any ? ' (đang lọc)' : ''}`}
          </Button>
        </Space>
      )}
      <Space wrap style={{ marginBottom: 12, display: phone && !filtersOpen ? 'none' : undefined }}>
        {!status && (
          <Select
            allowClear
            aria-label="Trạng thái"
            placeholder="Mọi trạng thái"
            value={get('status')}
            onChange={(v) => set({ status: v })}
            style={{ width: 220 }}
            options={[
              { value: 'not_started', label: 'Chưa thực hiện' },
              { value: 'in_progress', label: 'Đang thực hiện' },
              { value: 'done_on_time', label: 'Hoàn thành đúng hạn' },
              { value: 'done_late', label: 'Hoàn thành quá hạn' },
              { value: 'overdue', label: 'Quá hạn chưa hoàn thành' },
              { value: 'cancelled', label: 'Đã hủy' },
            ]}
          />
        )}
        <Select
          allowClear
          showSearch
          aria-label="Văn bản"
          placeholder="Mọi văn bản"
          filterOption={false}
          onSearch={setDirectiveSearch}
          value={filters.directive}
          onChange={(v) => set({ directive: v ? String(v) : undefined })}
          style={{ width: 260 }}
          options={(directives.data?.rows ?? []).map((d) => ({ value: d.id, label: `${d.number} – ${d.title}` }))}
        />
        <Select
          allowClear
          aria-label="Báo cáo"
          placeholder="Mọi tình trạng báo cáo"
          value={get('reportState')}
          onChange={(v) => set({ reportState: v })}
          style={{ width: 240 }}
          options={REPORT_STATES}
        />
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          aria-label="Chỉ số"
          placeholder="Mọi chỉ số, thành phần"
          value={get('index')}
          onChange={(v) => set({ index: v })}
          style={{ width: 240 }}
          options={indexOptions}
        />
        <DatePicker.RangePicker
          aria-label="Hạn tiếp theo"
          format="DD/MM/YYYY"
          placeholder={['Hạn từ ngày', 'đến ngày']}
          value={filters.dueFrom && filters.dueTo ? [dayjs(filters.dueFrom), dayjs(filters.dueTo)] : null}
          onChange={(r) => set({ dueFrom: r?.[0]?.format('YYYY-MM-DD'), dueTo: r?.[1]?.format('YYYY-MM-DD') })}
        />
        <Select
          aria-label="Sắp xếp"
          value={filters.sort ?? (status ? 'overdue' : 'directive')}
          onChange={(v) => set({ sort: v })}
          style={{ width: 210 }}
          options={[
            { value: 'directive', label: 'Theo văn bản (mới trước)' },
            { value: 'due', label: 'Theo hạn (gần nhất trước)' },
            { value: 'overdue', label: 'Quá hạn lâu nhất trước' },
            { value: 'unit', label: 'Theo đơn vị chủ trì' },
          ]}
        />
        {!phone && search}
        {any && <Button onClick={() => set(Object.fromEntries(FILTER_KEYS.map((k) => [k, undefined])))}>Bỏ lọc</Button>}
        <Button icon={<DownloadOutlined />} href={urlFor('/api/tasks.xlsx', { query: filters })}>
          Tải XLSX ({formatNumber(q.data?.total ?? 0)})
        </Button>
      </Space>
      <TaskTable rows={rows} loading={q.isFetching} pagination={pager} />
    </Card>
  );
}

type TaskQuery = NonNullable<operations['listTasks']['parameters']['query']>;

const INDEX_NAMES: Record<string, string> = { PAR_INDEX: 'PAR INDEX', SIPAS: 'SIPAS', PAPI: 'PAPI', DVC766: 'Bộ chỉ số 766' };

/** The status tag, days late, and for a recurring task the period the status belongs to. */
export function TaskStatus({ r }: { r: TaskSummary }) {
  return (
    <>
      <StatusTag status={r.status} label={r.statusLabel} />
      {r.statusPeriodLabel && r.status !== 'not_started' && <Typography.Text type="secondary">{r.statusPeriodLabel} </Typography.Text>}
      {r.daysLate > 0 && <Typography.Text type="danger">{formatNumber(r.daysLate)} ngày</Typography.Text>}
    </>
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
  const phone = !Grid.useBreakpoint().md;
  const pager = pagination ?? {
    pageSize: 20,
    showSizeChanger: false,
    showTotal: (n) => `${formatNumber(n)} nhiệm vụ`,
    hideOnSinglePage: true,
  };
  // On a phone, cards with the task's text, deadline and status instead of a table to scroll sideways.
  if (phone)
    return (
      <List
        loading={loading}
        dataSource={rows}
        pagination={{
          current: pager.current,
          pageSize: pager.pageSize,
          total: pager.total,
          onChange: pager.onChange,
          showTotal: pager.showTotal,
          hideOnSinglePage: pager.hideOnSinglePage,
          size: 'small',
          align: 'center',
        }}
        renderItem={(r) => (
          <List.Item>
            <Link to={`/directives/tasks/${r.id}`} style={{ display: 'block', width: '100%', color: 'inherit' }}>
              <Space direction="vertical" size={2} style={{ width: '100%' }}>
                <Typography.Paragraph ellipsis={{ rows: 3 }} style={{ margin: 0 }}>
                  <Typography.Text strong>{r.label}</Typography.Text> {r.content}
                </Typography.Paragraph>
                <Typography.Text type="secondary">
                  {r.directiveNumber}
                  {showUnit && ` · ${r.leadUnitName}`}
                </Typography.Text>
                <Space wrap size={4}>
                  <TaskStatus r={r} />
                  <Typography.Text>Hạn {formatDate(r.nextDueDate ?? r.dueDate)}</Typography.Text>
                  {r.recurrence && r.periodLabel && <Typography.Text type="secondary">({r.periodLabel})</Typography.Text>}
                </Space>
              </Space>
            </Link>
          </List.Item>
        )}
      />
    );
  return (
    <Table<TaskSummary>
      size="small"
      rowKey="id"
      loading={loading}
      dataSource={rows}
      scroll={{ x: 900 }}
      pagination={pager}
      onRow={(r) => ({ onClick: () => navigate(`/directives/tasks/${r.id}`), style: { cursor: 'pointer' } })}
      rowClassName={(r) => (r.status === 'cancelled' ? 'row-cancelled' : '')}
      columns={[
        { title: 'Văn bản', dataIndex: 'directiveNumber', width: 120 },
        ...(showUnit ? [{ title: 'Đơn vị chủ trì', dataIndex: 'leadUnitName', width: 200 }] : []),
        {
          title: 'Nhiệm vụ',
          dataIndex: 'content',
          render: (c: string, r) => (
            <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: 0 }} delete={r.status === 'cancelled'}>
              {r.label} {c}
            </Typography.Paragraph>
          ),
        },
        {
          title: 'Hạn',
          width: 150,
          render: (_, r) => (
            <>
              {formatDate(r.nextDueDate ?? r.dueDate)}
              {r.recurrence && r.periodLabel && (
                <div>
                  <Typography.Text type="secondary">{r.periodLabel}</Typography.Text>
                </div>
              )}
            </>
          ),
        },
        {
          title: 'Trạng thái',
          width: 240,
          render: (_, r) => <TaskStatus r={r} />,
        },
      ]}
    />
  );
}
