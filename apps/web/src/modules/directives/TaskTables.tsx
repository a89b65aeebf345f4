/** Tasks as tables: by lead unit, and one server-paged list (all tasks or the overdue ones). */
import { useNavigate } from 'react-router-dom';
import { Card, Input, Progress, Select, Space, Table, Tooltip, Typography, type TablePaginationConfig } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../lib/api';
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
          { title: 'Nhiệm vụ', dataIndex: 'tasks', width: 90, sorter: (a, b) => a.tasks - b.tasks },
          {
            title: 'Hoàn thành',
            width: 160,
            sorter: (a, b) => pct(a.done, a.tasks) - pct(b.done, b.tasks),
            render: (_, r) => <Progress percent={pct(r.done, r.tasks)} format={(v) => formatPercent(v)} size="small" />,
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

export const PAGE = 20;

/** The caller's tasks, one page at a time: the server filters, searches, sorts and counts. */
export function TaskList({ status }: { status?: 'overdue' }) {
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
