import { useState } from 'react';
import { Button, Card, DatePicker, Form, Input, Result, Select, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import type { Schemas } from '@cchc/api-client';
import { api, unwrap } from '../../lib/api';
import { formatDateTime, formatNumber } from '../../lib/format';
import { useSession } from '../../lib/session';

type Entry = Schemas['AuditEntry'];
interface Filters {
  range?: [Dayjs, Dayjs];
  username?: string;
  action?: string;
  entityType?: string;
  entityId?: string;
}
const PAGE = 50;

export function AuditPage() {
  const { can } = useSession();
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState(1);
  const query = {
    from: filters.range?.[0].format('YYYY-MM-DD'),
    to: filters.range?.[1].format('YYYY-MM-DD'),
    username: filters.username || undefined,
    action: filters.action || undefined,
    entityType: filters.entityType || undefined,
    entityId: filters.entityId || undefined,
    limit: PAGE,
    offset: (page - 1) * PAGE,
  };
  const known = useQuery({
    queryKey: ['audit', 'actions'],
    queryFn: () => unwrap(api.GET('/api/audit/actions')),
    enabled: can('audit.read'),
  });
  const list = useQuery({
    queryKey: ['audit', query],
    queryFn: () => unwrap(api.GET('/api/audit', { params: { query } })),
    enabled: can('audit.read'),
  });
  if (!can('audit.read'))
    return <Result status="403" title="Không có quyền" subTitle="Nhật ký thao tác dành cho quản trị viên và Sở Nội vụ." />;
  return (
    <>
      <Typography.Title level={3} className="page-title">
        Nhật ký thao tác
      </Typography.Title>
      <Card>
        <Form
          layout="inline"
          onFinish={(v: Filters) => {
            setFilters(v);
            setPage(1);
          }}
          style={{ marginBottom: 12, rowGap: 8 }}
        >
          <Form.Item name="range" label="Thời gian">
            <DatePicker.RangePicker format="DD/MM/YYYY" />
          </Form.Item>
          <Form.Item name="username" label="Tài khoản">
            <Input allowClear style={{ width: 140 }} />
          </Form.Item>
          <Form.Item name="action" label="Thao tác">
            <Select
              allowClear
              showSearch
              optionFilterProp="label"
              placeholder="Mọi thao tác"
              style={{ width: 240 }}
              options={known.data?.actions}
            />
          </Form.Item>
          <Form.Item name="entityType" label="Đối tượng">
            <Select
              allowClear
              showSearch
              optionFilterProp="label"
              placeholder="Mọi loại"
              style={{ width: 200 }}
              options={known.data?.entities}
            />
          </Form.Item>
          <Form.Item name="entityId" label="Mã đối tượng">
            <Input allowClear style={{ width: 110 }} />
          </Form.Item>
          <Button type="primary" htmlType="submit">
            Lọc
          </Button>
        </Form>
        <Table<Entry>
          rowKey="id"
          size="small"
          loading={list.isPending}
          dataSource={list.data?.rows ?? []}
          scroll={{ x: 900 }}
          pagination={{
            current: page,
            pageSize: PAGE,
            total: list.data?.total ?? 0,
            onChange: setPage,
            showSizeChanger: false,
            showTotal: (n) => `${formatNumber(n)} bản ghi`,
          }}
          expandable={{ expandedRowRender: (e) => <Changes entry={e} />, rowExpandable: (e) => e.changes.length > 0 }}
          columns={[
            { title: 'Thời điểm', dataIndex: 'at', width: 150, render: formatDateTime },
            { title: 'Người thực hiện', dataIndex: 'actorUsername', width: 130, render: (u: string | null) => u ?? 'hệ thống' },
            { title: 'Đơn vị', dataIndex: 'actorUnitName' },
            { title: 'Thao tác', dataIndex: 'actionLabel', width: 240 },
            {
              title: 'Đối tượng',
              width: 200,
              render: (_, e) => (
                <span>
                  {e.entityLabel}
                  {e.entityId && <Typography.Text type="secondary"> số {e.entityId}</Typography.Text>}
                </span>
              ),
            },
            { title: 'IP', dataIndex: 'ip', width: 120 },
          ]}
        />
      </Card>
    </>
  );
}

/** What changed, field by field: before and after in Vietnamese. */
function Changes({ entry }: { entry: Entry }) {
  return (
    <Table
      size="small"
      rowKey="field"
      pagination={false}
      dataSource={entry.changes}
      columns={[
        { title: 'Trường', dataIndex: 'label', width: 220 },
        { title: 'Trước', dataIndex: 'before', render: (v: string) => <span style={{ whiteSpace: 'pre-wrap' }}>{v}</span> },
        { title: 'Sau', dataIndex: 'after', render: (v: string) => <span style={{ whiteSpace: 'pre-wrap' }}>{v}</span> },
      ]}
    />
  );
}
