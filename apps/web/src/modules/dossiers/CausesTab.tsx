/** Late causes and apology breaches for the range. */
import { Button, Card, DatePicker, Space, Table, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { api, unwrap, urlFor } from '../../lib/api';
import { formatNumber } from '../../lib/format';
import { useSession } from '../../lib/session';
import { Chart } from '../../components/Chart';
import { useRange } from './common';

export function Causes() {
  const { unitCode, me } = useSession();
  const { range, setRange, from, to } = useRange();
  const unit = unitCode === me.provinceCode ? undefined : unitCode;
  const q = useQuery({
    queryKey: ['dossiers', 'causes', from, to, unit],
    queryFn: () => unwrap(api.GET('/api/dossiers/late-causes', { params: { query: { from, to, unit } } })),
  });
  const rows = q.data ?? [];
  // Judged as of today on the server (the default), like the late causes above.
  const breaches = useQuery({
    queryKey: ['dossiers', 'apologies', from, to, unit],
    queryFn: () => unwrap(api.GET('/api/dossiers/apologies', { params: { query: { from, to, unit } } })),
  });
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card
        size="small"
        title={
          <Space>
            Hồ sơ trễ hạn theo nhóm nguyên nhân{' '}
            <DatePicker.RangePicker
              format="DD/MM/YYYY"
              value={range}
              allowClear={false}
              onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])}
            />
          </Space>
        }
      >
        <Chart
          height={300}
          option={{
            tooltip: { trigger: 'item' },
            legend: { bottom: 0 },
            series: [
              {
                type: 'pie',
                radius: ['35%', '65%'],
                data: rows.map((r) => ({ name: r.category, value: r.count })),
                label: {
                  formatter: (p) =>
                    `${p.name}: ${formatNumber(Number(p.value))} (${(p.percent ?? 0).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} %)`,
                },
              },
            ],
          }}
        />
      </Card>
      <Card
        size="small"
        title="Vi phạm về thư xin lỗi (Thông tư 03/2025/TT-VPCP, mẫu 04)"
        extra={
          <Button size="small" icon={<DownloadOutlined />} href={urlFor('/api/dossiers/apologies.xlsx', { query: { from, to, unit } })}>
            XLSX
          </Button>
        }
      >
        <Typography.Paragraph type="secondary">
          Thư xin lỗi phải gửi trước ngày hẹn trả ít nhất 1 ngày làm việc và chỉ được hẹn lại một lần. Thiếu: hồ sơ trễ hạn hoặc quá hạn
          chưa có thư; gửi muộn: thư gửi sau thời hạn đó; hẹn lại lần hai: thư gửi lại với ngày khác, hoặc hồ sơ trễ cả ngày hẹn mới.
        </Typography.Paragraph>
        <Table
          size="small"
          rowKey="key"
          loading={breaches.isPending}
          dataSource={breaches.data ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 600 }}
          locale={{ emptyText: 'Không có vi phạm về thư xin lỗi trong khoảng này.' }}
          columns={[
            { title: 'Đơn vị', render: (_, r) => r.label ?? r.key },
            {
              title: 'Thiếu thư xin lỗi',
              dataIndex: 'missing',
              width: 140,
              sorter: (a, b) => a.missing - b.missing,
              render: (v: number) => <Typography.Text type={v ? 'danger' : undefined}>{formatNumber(v)}</Typography.Text>,
            },
            {
              title: 'Gửi muộn',
              dataIndex: 'sentLate',
              width: 110,
              sorter: (a, b) => a.sentLate - b.sentLate,
              render: (v: number) => formatNumber(v),
            },
            {
              title: 'Hẹn lại lần hai',
              dataIndex: 'repeated',
              width: 130,
              sorter: (a, b) => a.repeated - b.repeated,
              render: (v: number) => formatNumber(v),
            },
          ]}
        />
      </Card>
    </Space>
  );
}

/** What each figure behind a 766 indicator counts (the API keys them in short form). */
