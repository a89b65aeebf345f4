import { useMemo, useState } from 'react';
import { Card, DatePicker, Segmented, Space, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { api, unwrap } from '../../lib/api';
import { formatNumber, formatPercent } from '../../lib/format';
import { Chart } from '../../components/Chart';

type GroupBy = 'unit' | 'category' | 'channel' | 'month';

/** On-time, satisfaction and repeats per unit, category, channel or month (766 group 5), for any period. */
export function StatsTab() {
  const today = dayjs().format('YYYY-MM-DD');
  const [range, setRange] = useState<[string, string]>([dayjs(today).subtract(1, 'year').add(1, 'day').format('YYYY-MM-DD'), today]);
  const [groupBy, setGroupBy] = useState<GroupBy>('unit');
  const q = useQuery({
    queryKey: ['feedback', 'stats', range, groupBy],
    queryFn: () => unwrap(api.GET('/api/feedback/stats', { params: { query: { from: range[0], to: range[1], groupBy } } })),
  });
  const months = useQuery({
    queryKey: ['feedback', 'stats', range, 'month'],
    queryFn: () => unwrap(api.GET('/api/feedback/stats', { params: { query: { from: range[0], to: range[1], groupBy: 'month' } } })),
  });
  const t = q.data?.total;
  const option = useMemo(() => {
    const rows = months.data?.rows ?? [];
    return {
      tooltip: { trigger: 'axis' as const, valueFormatter: (v: unknown) => formatNumber(Number(v)) },
      legend: { bottom: 0 },
      grid: { left: 48, right: 48, top: 24, bottom: 56 },
      xAxis: { type: 'category' as const, data: rows.map((r) => r.label) },
      yAxis: [
        { type: 'value' as const, name: 'Phản ánh', axisLabel: { formatter: (v: number) => formatNumber(v) } },
        { type: 'value' as const, name: '%', max: 100, axisLabel: { formatter: (v: number) => formatNumber(v) } },
      ],
      series: [
        { name: 'Tiếp nhận', type: 'bar' as const, data: rows.map((r) => r.received) },
        { name: 'Đúng hạn (%)', type: 'line' as const, yAxisIndex: 1, data: rows.map((r) => r.onTimeRate) },
        { name: 'Hài lòng (%)', type: 'line' as const, yAxisIndex: 1, data: rows.map((r) => r.satisfactionRate) },
      ],
    };
  }, [months.data]);
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Space wrap>
        <DatePicker.RangePicker
          format="DD/MM/YYYY"
          allowClear={false}
          value={[dayjs(range[0]), dayjs(range[1])]}
          onChange={(d) => d?.[0] && d[1] && setRange([d[0].format('YYYY-MM-DD'), d[1].format('YYYY-MM-DD')])}
        />
        <Segmented<GroupBy>
          value={groupBy}
          onChange={setGroupBy}
          options={[
            { value: 'unit', label: 'Theo đơn vị' },
            { value: 'category', label: 'Theo lĩnh vực' },
            { value: 'channel', label: 'Theo kênh' },
            { value: 'month', label: 'Theo tháng' },
          ]}
        />
      </Space>
      {t && (
        <Typography.Paragraph>
          Tiếp nhận <b>{formatNumber(t.received)}</b> phản ánh, kiến nghị; phân loại {formatPercent(t.classifiedRate)}; trả lời đúng hạn{' '}
          <b>{formatPercent(t.onTimeRate)}</b> ({formatNumber(t.onTime)}/{formatNumber(t.judged)}); hài lòng về xử lý{' '}
          <b>{formatPercent(t.satisfactionRate)}</b> ({formatNumber(t.answered)} trả lời công khai); đang quá hạn{' '}
          {formatNumber(t.overdueNow)}.
        </Typography.Paragraph>
      )}
      <Card size="small" title="Theo tháng tiếp nhận">
        <Chart option={option} height={280} />
      </Card>
      <Table
        size="small"
        rowKey="key"
        loading={q.isPending}
        dataSource={q.data?.rows ?? []}
        scroll={{ x: 900 }}
        pagination={{ pageSize: 30, hideOnSinglePage: true }}
        columns={[
          {
            title: groupBy === 'unit' ? 'Đơn vị' : groupBy === 'category' ? 'Lĩnh vực' : groupBy === 'channel' ? 'Kênh' : 'Tháng',
            dataIndex: 'label',
            fixed: 'left',
            width: 240,
          },
          {
            title: 'Tiếp nhận',
            dataIndex: 'received',
            align: 'right',
            render: (v: number) => formatNumber(v),
            sorter: (a, b) => a.received - b.received,
          },
          { title: 'Đến kỳ xét', dataIndex: 'judged', align: 'right', render: (v: number) => formatNumber(v) },
          {
            title: 'Đúng hạn',
            dataIndex: 'onTimeRate',
            align: 'right',
            render: (v: number | null) => formatPercent(v),
            sorter: (a, b) => (a.onTimeRate ?? -1) - (b.onTimeRate ?? -1),
          },
          { title: 'Trả lời công khai', dataIndex: 'answered', align: 'right', render: (v: number) => formatNumber(v) },
          { title: 'Hài lòng', dataIndex: 'satisfactionRate', align: 'right', render: (v: number | null) => formatPercent(v) },
          { title: 'Bị phản ánh lại', dataIndex: 'repeated', align: 'right', render: (v: number) => formatNumber(v) },
          {
            title: 'Số ngày trả lời TB (ngày lịch)',
            dataIndex: 'avgDays',
            align: 'right',
            render: (v: number | null) => (v === null ? '—' : formatNumber(v)),
          },
          {
            title: 'Đang quá hạn',
            dataIndex: 'overdueNow',
            align: 'right',
            render: (v: number) => <Typography.Text type={v ? 'danger' : undefined}>{formatNumber(v)}</Typography.Text>,
            sorter: (a, b) => a.overdueNow - b.overdueNow,
          },
        ]}
      />
      <Typography.Text type="secondary">
        Đúng hạn: đơn vị trả lời (thủ trưởng duyệt) trong hạn, trên các phản ánh đã trả lời trong kỳ hoặc đến hạn trong kỳ mà chưa trả lời.
        Hài lòng (Quyết định 766, nhóm 5): trả lời công khai trừ số bị đánh giá 1–2 sao hoặc chưa giải quyết, bị phản ánh lại, hoặc trả lời
        quá hạn.
      </Typography.Text>
    </Space>
  );
}
