import { useState } from 'react';
import { Alert, Card, DatePicker, InputNumber, Space, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { api, unwrap } from '../../lib/api';
import { formatDate, formatNumber, formatPercent } from '../../lib/format';

/** Public page (no login): units, and officials where the province chooses, by late dossiers. */
export function PublicLatePage() {
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs().startOf('year'), dayjs()]);
  const [minVolume, setMinVolume] = useState(50);
  const query = { from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD'), minVolume };
  const q = useQuery({
    queryKey: ['public', 'late', query],
    queryFn: () => unwrap(api.GET('/api/public/late-units', { params: { query } })),
  });
  return (
    <div style={{ maxWidth: 1100, margin: '0 auto', padding: 16 }}>
      <Typography.Title level={3}>Công khai hồ sơ thủ tục hành chính trễ hạn{q.data ? ` – ${q.data.provinceName}` : ''}</Typography.Title>
      <Typography.Paragraph>
        Hồ sơ tiếp nhận từ ngày <b>{formatDate(query.from)}</b> đến ngày <b>{formatDate(query.to)}</b>; tình trạng tính đến ngày{' '}
        {formatDate(q.data?.asOf)}, theo số liệu của hệ thống một cửa điện tử của tỉnh.
      </Typography.Paragraph>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title={`Chỉ xếp hạng đơn vị tiếp nhận từ ${formatNumber(minVolume)} hồ sơ trở lên trong kỳ`}
        description={`Tỷ lệ trễ hạn của đơn vị ít hồ sơ thay đổi rất nhiều chỉ vì một hồ sơ, nên không so sánh với đơn vị nhiều hồ sơ${
          q.data ? `: kỳ này ${formatNumber(q.data.excluded)} đơn vị chưa đủ số lượng, không có trong bảng` : ''
        }. Hồ sơ trễ hạn gồm hồ sơ đã trả kết quả sau ngày hẹn và hồ sơ đang giải quyết đã quá hạn.`}
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Space wrap>
          <span>Hồ sơ tiếp nhận</span>
          <DatePicker.RangePicker
            format="DD/MM/YYYY"
            value={range}
            allowClear={false}
            onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])}
          />
          <span>Tối thiểu</span>
          <InputNumber min={1} value={minVolume} onChange={(v) => setMinVolume(v ?? 1)} />
          <span>hồ sơ</span>
        </Space>
      </Card>
      <Table
        size="small"
        rowKey="unitCode"
        loading={q.isPending}
        dataSource={q.data?.units ?? []}
        scroll={{ x: 600 }}
        pagination={{ pageSize: 30, hideOnSinglePage: true }}
        columns={[
          { title: 'STT', width: 60, render: (_, _r, i) => i + 1 },
          { title: 'Đơn vị', dataIndex: 'unitName' },
          { title: 'Tiếp nhận', dataIndex: 'received', width: 100, render: (v: number) => formatNumber(v) },
          { title: 'Trễ hạn (kể cả quá hạn đang giải quyết)', dataIndex: 'late', width: 160, render: (v: number) => formatNumber(v) },
          { title: 'Tỷ lệ trễ hạn', dataIndex: 'lateRate', width: 120, render: (v: number) => formatPercent(v) },
        ]}
      />
      {q.data?.officials && (
        <Card size="small" title="Cán bộ có hồ sơ trễ hạn" style={{ marginTop: 16 }}>
          <Table
            size="small"
            rowKey="official"
            dataSource={q.data.officials}
            pagination={false}
            columns={[
              { title: 'Cán bộ', dataIndex: 'official' },
              { title: 'Hồ sơ', dataIndex: 'received', render: (v: number) => formatNumber(v) },
              { title: 'Trễ hạn', dataIndex: 'late', render: (v: number) => formatNumber(v) },
              { title: 'Tỷ lệ', dataIndex: 'lateRate', render: (v: number) => formatPercent(v) },
            ]}
          />
        </Card>
      )}
    </div>
  );
}
