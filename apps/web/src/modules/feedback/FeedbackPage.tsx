import { Link, useSearchParams } from 'react-router-dom';
import { Button, Card, Checkbox, DatePicker, Grid, Input, List, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useUrlFilters } from '../../lib/url-filters';
import dayjs from 'dayjs';
import { api, unwrap } from '../../lib/api';
import { formatDate, formatDateTime } from '../../lib/format';
import { useProvinceUnits, useSession } from '../../lib/session';
import { CHANNEL_OPTIONS, STATUS_COLORS, STATUS_OPTIONS, TIMELINESS_COLORS, type CaseItem } from './common';
import { StatsTab } from './StatsTab';
import { NewCaseTab } from './NewCaseTab';
import { SettingsTab } from './SettingsTab';

const PAGE = 20;

export function FeedbackPage() {
  const { can } = useSession();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'list';
  return (
    <>
      <Typography.Title level={3} className="page-title">
        Phản ánh, kiến nghị
      </Typography.Title>
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams({ tab: k }, { replace: true })}
        items={[
          { key: 'list', label: 'Danh sách', children: <CaseList /> },
          { key: 'stats', label: 'Thống kê', children: <StatsTab /> },
          ...(can('feedback.create') ? [{ key: 'new', label: 'Nhập phản ánh', children: <NewCaseTab /> }] : []),
          ...(can('feedback.manage') ? [{ key: 'settings', label: 'Lĩnh vực, thời hạn, nhập tệp', children: <SettingsTab /> }] : []),
        ]}
      />
    </>
  );
}

function Due({ r }: { r: CaseItem }) {
  return (
    <Space size={4} wrap>
      <span>{formatDate(r.dueDate)}</span>
      {r.daysLeft !== null ? (
        <Tag color={r.daysLeft < 0 ? 'red' : r.daysLeft <= 3 ? 'orange' : 'default'}>
          {r.daysLeft < 0 ? `quá ${-r.daysLeft} ngày làm việc` : `còn ${r.daysLeft} ngày làm việc`}
        </Tag>
      ) : (
        <Tag color={TIMELINESS_COLORS[r.timeliness]}>{r.timelinessLabel}</Tag>
      )}
    </Space>
  );
}

function CaseList() {
  const phone = !Grid.useBreakpoint().md;
  const units = useProvinceUnits();
  const cats = useQuery({ queryKey: ['feedback', 'categories'], queryFn: () => unwrap(api.GET('/api/feedback/categories')) });
  const { get, set, clear, page, pagination: pager } = useUrlFilters(PAGE);
  const query = {
    q: get('q'),
    status: get('status'),
    unit: get('unit'),
    category: get('category'),
    channel: get('channel'),
    from: get('from'),
    to: get('to'),
    overdue: get('overdue') === 'true' ? true : undefined,
    rated: get('rated') === 'low' ? ('low' as const) : undefined,
    withTask: get('withTask') === 'true' ? true : undefined,
    hidden: get('hidden') === 'true' ? true : undefined,
    sort: get('overdue') === 'true' ? ('due' as const) : undefined,
    limit: PAGE,
    offset: (page - 1) * PAGE,
  };
  const list = useQuery({ queryKey: ['feedback', 'list', query], queryFn: () => unwrap(api.GET('/api/feedback', { params: { query } })) });
  const items = list.data?.items ?? [];
  const pagination = pager(list.data?.total, 'phản ánh');
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Card size="small">
        <Space wrap>
          <Input.Search
            allowClear
            placeholder="Mã PAKN.… hoặc từ trong nội dung"
            defaultValue={get('q')}
            onSearch={(v) => set({ q: v.trim() || undefined })}
            style={{ width: phone ? '100%' : 300 }}
            aria-label="Tìm phản ánh"
          />
          <Select
            allowClear
            placeholder="Trạng thái"
            style={{ width: 230 }}
            value={get('status')}
            onChange={(v) => set({ status: v })}
            options={STATUS_OPTIONS}
          />
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder="Đơn vị chủ trì"
            style={{ width: 260 }}
            value={get('unit')}
            onChange={(v) => set({ unit: v })}
            options={(units.data ?? []).map((u) => ({ value: u.code, label: u.name }))}
          />
          <Select
            allowClear
            placeholder="Lĩnh vực"
            style={{ width: 230 }}
            value={get('category')}
            onChange={(v) => set({ category: v })}
            options={(cats.data ?? []).map((c) => ({ value: c.code, label: c.name }))}
          />
          <Select
            allowClear
            placeholder="Kênh"
            style={{ width: 200 }}
            value={get('channel')}
            onChange={(v) => set({ channel: v })}
            options={CHANNEL_OPTIONS}
          />
          <DatePicker.RangePicker
            format="DD/MM/YYYY"
            placeholder={['Tiếp nhận từ', 'đến']}
            value={get('from') && get('to') ? [dayjs(get('from')), dayjs(get('to'))] : null}
            onChange={(d) => set({ from: d?.[0]?.format('YYYY-MM-DD'), to: d?.[1]?.format('YYYY-MM-DD') })}
          />
          <Checkbox checked={query.overdue} onChange={(e) => set({ overdue: e.target.checked ? 'true' : undefined })}>
            Quá hạn chưa trả lời
          </Checkbox>
          <Checkbox checked={query.rated === 'low'} onChange={(e) => set({ rated: e.target.checked ? 'low' : undefined })}>
            Bị đánh giá không hài lòng
          </Checkbox>
          <Checkbox checked={query.withTask} onChange={(e) => set({ withTask: e.target.checked ? 'true' : undefined })}>
            Người dân nói, chính quyền làm (đã thành nhiệm vụ)
          </Checkbox>
          <Checkbox checked={query.hidden} onChange={(e) => set({ hidden: e.target.checked ? 'true' : undefined })}>
            Đã ẩn khỏi trang công khai (rà soát hằng tháng)
          </Checkbox>
        </Space>
      </Card>
      {phone ? (
        <List
          loading={list.isPending}
          dataSource={items}
          pagination={{ ...pagination, size: 'small', align: 'center' }}
          renderItem={(r) => (
            <List.Item>
              <Link to={`/feedback/${r.id}`} style={{ display: 'block', width: '100%', color: 'inherit' }}>
                <Space direction="vertical" size={2} style={{ width: '100%' }}>
                  <Space wrap size={4}>
                    <Typography.Text strong>{r.code}</Typography.Text>
                    <Tag color={STATUS_COLORS[r.status]}>{r.statusLabel}</Tag>
                  </Space>
                  <Typography.Text>{r.title ?? r.excerpt}</Typography.Text>
                  <Typography.Text type="secondary">
                    {r.unitName ?? 'Chưa giao đơn vị'} · {r.categoryName}
                  </Typography.Text>
                  <Due r={r} />
                </Space>
              </Link>
            </List.Item>
          )}
        />
      ) : (
        <Table
          size="small"
          rowKey="id"
          loading={list.isPending}
          dataSource={items}
          pagination={pagination}
          columns={[
            {
              title: 'Mã',
              dataIndex: 'code',
              width: 170,
              render: (c: string, r) => (
                <Space direction="vertical" size={0}>
                  <Link to={`/feedback/${r.id}`}>{c}</Link>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {formatDateTime(r.receivedAt)}
                  </Typography.Text>
                </Space>
              ),
            },
            {
              title: 'Nội dung',
              dataIndex: 'excerpt',
              render: (e: string, r) => (
                <Space direction="vertical" size={0}>
                  {r.title && <Typography.Text strong>{r.title}</Typography.Text>}
                  <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ marginBottom: 0 }}>
                    {e}
                  </Typography.Paragraph>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {r.categoryName} · {r.channelLabel}
                    {r.sender?.name ? ` · ${r.sender.name}` : ''}
                  </Typography.Text>
                </Space>
              ),
            },
            {
              title: 'Đơn vị chủ trì',
              dataIndex: 'unitName',
              width: 200,
              render: (n: string | null) => n ?? <Typography.Text type="secondary">Chưa giao</Typography.Text>,
            },
            {
              title: 'Trạng thái',
              dataIndex: 'statusLabel',
              width: 190,
              render: (l: string, r) => (
                <Space size={4} wrap>
                  <Tag color={STATUS_COLORS[r.status]}>{l}</Tag>
                  {r.repeated && <Tag color="magenta">lặp lại</Tag>}
                  {r.hidden && <Tag>đã ẩn</Tag>}
                  {r.ratingStars !== null && <Tag color={r.ratingStars <= 2 ? 'red' : 'green'}>{r.ratingStars}★</Tag>}
                </Space>
              ),
            },
            { title: 'Hạn trả lời', dataIndex: 'dueDate', width: 210, render: (_: string, r) => <Due r={r} /> },
          ]}
        />
      )}
      {!list.isPending && !items.length && (
        <Typography.Text type="secondary">
          Không có phản ánh nào khớp bộ lọc.{' '}
          <Button type="link" onClick={clear}>
            Bỏ lọc
          </Button>
        </Typography.Text>
      )}
    </Space>
  );
}
