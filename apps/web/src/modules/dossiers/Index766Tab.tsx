/** The 766 index of a unit and period computed from the dossiers, beside the official points. */
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Form, Input, Modal, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery } from '@tanstack/react-query';
import { api, errorMessage, queryClient, unwrap } from '../../lib/api';
import { formatNumber } from '../../lib/format';
import { useSession } from '../../lib/session';
import { type Index766 } from './common';
import { DecimalInput } from '../../components/DecimalInput';

const DATA_LABELS: Record<string, string> = {
  dungHan: 'đúng hạn',
  ketThucTrongKy: 'kết thúc trong kỳ',
  conMoQuaHan: 'còn mở, quá hạn cuối kỳ',
  soHoa: 'số hoá',
  coThongTin: 'có thông tin',
  ketQuaDienTu: 'có kết quả điện tử',
  trucTuyen: 'nộp trực tuyến',
  tiepNhan: 'tiếp nhận',
  thanhToanTrucTuyen: 'thanh toán trực tuyến',
  ketThuc: 'kết thúc',
  treHan: 'trễ hạn',
  denKyXet: 'phản ánh đến kỳ xét',
  traLoiCongKhai: 'trả lời công khai',
  haiLong: 'hài lòng',
};

const QUARTERS = ['I', 'II', 'III', 'IV'];

/** The maximum points of each group (Decision 766). */
const GROUP_MAX = { G1: 18, G2: 20, G3: 22, G4: 22, G5: 18 } as const;

export function Index766Tab() {
  const { unitCode, can } = useSession();
  const { message } = App.useApp();
  const [period, setPeriod] = useState<Dayjs>(dayjs().subtract(1, 'month'));
  const [kind, setKind] = useState<'month' | 'quarter' | 'year'>('month');
  const [entering, setEntering] = useState(false);
  // The API takes YYYY-MM, YYYY-Qn or YYYY (Decision 766 is assessed monthly, quarterly and yearly).
  const p =
    kind === 'month'
      ? period.format('YYYY-MM')
      : kind === 'quarter'
        ? `${period.year()}-Q${Math.floor(period.month() / 3) + 1}`
        : String(period.year());
  const periodText =
    kind === 'month'
      ? `tháng ${period.format('MM/YYYY')}`
      : kind === 'quarter'
        ? `quý ${QUARTERS[Math.floor(period.month() / 3)]}/${period.year()}`
        : `năm ${period.year()}`;
  const q = useQuery({
    queryKey: ['dossiers', '766', unitCode, p],
    queryFn: () => unwrap(api.GET('/api/indices/766', { params: { query: { unit: unitCode, period: p } } })),
  });
  const save = useMutation({
    mutationFn: (v: { source: string; G1?: number; G2?: number; G3?: number; G4?: number; G5?: number }) =>
      unwrap(
        api.PUT('/api/indices/766/official', {
          body: {
            unit: unitCode,
            period: p,
            source: v.source,
            groups: (['G1', 'G2', 'G3', 'G4', 'G5'] as const)
              .filter((g) => v[g] !== undefined && v[g] !== null)
              .map((g) => ({ code: g, points: v[g]! })),
          },
        }),
      ),
    onSuccess: () => {
      message.success('Đã lưu điểm chính thức');
      setEntering(false);
      void queryClient.invalidateQueries({ queryKey: ['dossiers', '766'] });
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  const d: Index766 | undefined = q.data;
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card size="small">
        <Space wrap>
          <span>Kỳ</span>
          <Segmented
            aria-label="Loại kỳ"
            value={kind}
            onChange={(v) => setKind(v as typeof kind)}
            options={[
              { value: 'month', label: 'Tháng' },
              { value: 'quarter', label: 'Quý' },
              { value: 'year', label: 'Năm' },
            ]}
          />
          <DatePicker
            aria-label="Kỳ đánh giá"
            picker={kind}
            format={
              kind === 'month' ? 'MM/YYYY' : kind === 'quarter' ? (v) => `Quý ${QUARTERS[Math.floor(v.month() / 3)]}/${v.year()}` : 'YYYY'
            }
            value={period}
            allowClear={false}
            onChange={(v) => v && setPeriod(v)}
          />
          <Typography.Text>
            Đơn vị: <b>{d?.unitName ?? '…'}</b> (chọn ở ô đơn vị phía trên)
          </Typography.Text>
          {can('dossier.official766') && <Button onClick={() => setEntering(true)}>Nhập điểm chính thức</Button>}
        </Space>
      </Card>
      {d && (
        <>
          <Alert
            type="info"
            showIcon
            title={`Tính được ${d.total.toLocaleString('vi-VN')} / ${d.computedMax.toLocaleString('vi-VN')} điểm của các chỉ tiêu có dữ liệu (tổng thang 100).`}
            description={d.assumption}
          />
          {d.groups.map((g) => (
            <Card
              key={g.code}
              size="small"
              title={
                <Space wrap>
                  {g.code} {g.name}{' '}
                  <Tag>
                    {g.points === null
                      ? 'chưa tính được'
                      : `${g.points.toLocaleString('vi-VN')} / ${g.computedMax.toLocaleString('vi-VN')} điểm tính được`}
                  </Tag>
                  <span>tối đa {g.max}</span>
                  {g.official !== null && (
                    <Tag color="purple">
                      chính thức {g.official.toLocaleString('vi-VN')} (chênh {g.difference?.toLocaleString('vi-VN') ?? '—'})
                    </Tag>
                  )}
                </Space>
              }
            >
              <Table
                size="small"
                rowKey="code"
                pagination={false}
                dataSource={g.indicators}
                scroll={{ x: 800 }}
                columns={[
                  {
                    title: 'Chỉ tiêu',
                    dataIndex: 'name',
                    render: (n: string, i) => (
                      <>
                        {i.code} {n}
                      </>
                    ),
                  },
                  {
                    title: 'Tỷ lệ',
                    dataIndex: 'rate',
                    width: 90,
                    render: (r: number | null) => (r === null ? '—' : `${r.toLocaleString('vi-VN')} %`),
                  },
                  {
                    title: 'Điểm',
                    width: 110,
                    render: (_, i) =>
                      i.points === null ? <Tag>không tính</Tag> : `${i.points.toLocaleString('vi-VN')} / ${i.max.toLocaleString('vi-VN')}`,
                  },
                  {
                    title: 'Công thức, dữ liệu',
                    render: (_, i) => (
                      <>
                        <div>{i.formula}</div>
                        {i.data && (
                          <Typography.Text type="secondary">
                            {Object.entries(i.data)
                              .map(([k, v]) => `${DATA_LABELS[k] ?? k}: ${formatNumber(v)}`)
                              .join(' · ')}
                          </Typography.Text>
                        )}
                        {i.reason && <Typography.Text type="warning">{i.reason}</Typography.Text>}
                      </>
                    ),
                  },
                ]}
              />
            </Card>
          ))}
        </>
      )}
      <Modal open={entering} title={`Điểm 766 chính thức ${periodText}`} onCancel={() => setEntering(false)} footer={null}>
        <Form layout="vertical" onFinish={(v) => save.mutate(v)}>
          <Space wrap>
            {Object.entries(GROUP_MAX).map(([g, max]) => (
              <Form.Item
                key={g}
                name={g}
                label={`${g} (tối đa ${max})`}
                rules={[{ type: 'number', min: 0, max, message: `Từ 0 đến ${max}` }]}
              >
                <DecimalInput min={0} max={max} step={0.01} />
              </Form.Item>
            ))}
          </Space>
          <Form.Item name="source" label="Nguồn (trang, ngày chụp)" rules={[{ required: true, message: 'Ghi nguồn của số liệu' }]}>
            <Input />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            Lưu
          </Button>
        </Form>
      </Modal>
    </Space>
  );
}
