import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Col, DatePicker, Input, InputNumber, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined, SaveOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { api, errorMessage, queryClient, unwrap } from '../../lib/api';
import { formatDate } from '../../lib/format';

type Kind = 'day_off' | 'makeup_workday';
interface Row {
  key: string;
  date: string;
  kind: Kind;
  name: string;
  source: string | null;
}

const YEARS = Array.from({ length: 11 }, (_, i) => 2020 + i);

export function CalendarPage() {
  const [year, setYear] = useState(dayjs().year());
  const { message } = App.useApp();
  const data = useQuery({
    queryKey: ['calendar', year],
    queryFn: () => unwrap(api.GET('/api/calendar/years/{year}', { params: { path: { year } } })),
  });
  const [rows, setRows] = useState<Row[]>([]);
  const [dirty, setDirty] = useState(false);
  useEffect(() => {
    setRows((data.data?.days ?? []).map((d) => ({ ...d, key: d.date, source: d.source ?? null })));
    setDirty(false);
  }, [data.data]);
  const save = useMutation({
    mutationFn: () =>
      unwrap(
        api.PUT('/api/calendar/years/{year}', {
          params: { path: { year } },
          body: { days: rows.map(({ date, kind, name, source }) => ({ date, kind, name, source })) },
        }),
      ),
    onSuccess: () => {
      message.success(`Đã lưu lịch làm việc năm ${year}`);
      void queryClient.invalidateQueries({ queryKey: ['calendar'] });
      void queryClient.invalidateQueries({ queryKey: ['is-working-day'] });
    },
  });
  const canEdit = data.data?.canEdit ?? false;
  const update = (key: string, patch: Partial<Row>) => {
    setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));
    setDirty(true);
  };

  return (
    <>
      <Typography.Title level={3} className="page-title">
        Lịch làm việc
      </Typography.Title>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Card
            title={
              <Space>
                Ngày nghỉ và ngày làm bù năm{' '}
                <Select value={year} onChange={setYear} options={YEARS.map((y) => ({ value: y, label: y }))} style={{ width: 100 }} />
              </Space>
            }
            extra={
              canEdit && (
                <Space>
                  <Button
                    icon={<PlusOutlined />}
                    onClick={() => {
                      setRows((rs) => [...rs, { key: `new-${Date.now()}`, date: '', kind: 'day_off', name: '', source: null }]);
                      setDirty(true);
                    }}
                  >
                    Thêm ngày
                  </Button>
                  <Button type="primary" icon={<SaveOutlined />} disabled={!dirty} loading={save.isPending} onClick={() => save.mutate()}>
                    Lưu
                  </Button>
                </Space>
              )
            }
          >
            <Typography.Paragraph type="secondary">
              Thứ Bảy và Chủ nhật là ngày nghỉ, trừ các ngày làm bù dưới đây. Thời hạn giải quyết hồ sơ và nhiệm vụ tính theo lịch này.
            </Typography.Paragraph>
            {save.isError && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={errorMessage(save.error)} />}
            <Table<Row>
              rowKey="key"
              size="small"
              loading={data.isPending}
              dataSource={rows}
              pagination={false}
              scroll={{ x: 1000 }}
              columns={[
                {
                  title: 'Ngày',
                  dataIndex: 'date',
                  width: 150,
                  render: (d: string, r) =>
                    canEdit ? (
                      <DatePicker
                        value={d ? dayjs(d) : null}
                        format="DD/MM/YYYY"
                        onChange={(v: Dayjs | null) => update(r.key, { date: v ? v.format('YYYY-MM-DD') : '' })}
                      />
                    ) : (
                      formatDate(d)
                    ),
                },
                { title: 'Thứ', dataIndex: 'date', width: 90, render: (d: string) => (d ? dayjs(d).format('dddd') : '') },
                {
                  title: 'Loại',
                  dataIndex: 'kind',
                  width: 150,
                  render: (k: Kind, r) =>
                    canEdit ? (
                      <Select
                        value={k}
                        onChange={(v) => update(r.key, { kind: v })}
                        options={[
                          { value: 'day_off', label: 'Nghỉ' },
                          { value: 'makeup_workday', label: 'Làm bù' },
                        ]}
                        style={{ width: 120 }}
                      />
                    ) : k === 'day_off' ? (
                      <Tag>Nghỉ</Tag>
                    ) : (
                      <Tag color="orange">Làm bù</Tag>
                    ),
                },
                {
                  title: 'Tên',
                  dataIndex: 'name',
                  width: 300,
                  render: (n: string, r) => (canEdit ? <Input value={n} onChange={(e) => update(r.key, { name: e.target.value })} /> : n),
                },
                {
                  title: 'Căn cứ',
                  dataIndex: 'source',
                  width: 220,
                  render: (s: string | null, r) =>
                    canEdit ? <Input value={s ?? ''} onChange={(e) => update(r.key, { source: e.target.value || null })} /> : s,
                },
                ...(canEdit
                  ? [
                      {
                        title: '',
                        width: 50,
                        render: (_: unknown, r: Row) => (
                          <Button
                            size="small"
                            danger
                            icon={<DeleteOutlined />}
                            aria-label="Xoá"
                            onClick={() => {
                              setRows((rs) => rs.filter((x) => x.key !== r.key));
                              setDirty(true);
                            }}
                          />
                        ),
                      },
                    ]
                  : []),
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <WorkingDayCalculator />
        </Col>
      </Row>
    </>
  );
}

function WorkingDayCalculator() {
  const [from, setFrom] = useState<Dayjs>(dayjs());
  const [days, setDays] = useState<number>(5);
  const result = useQuery({
    queryKey: ['add-working-days', from.format('YYYY-MM-DD'), days],
    queryFn: () => unwrap(api.GET('/api/calendar/add-working-days', { params: { query: { from: from.format('YYYY-MM-DD'), days } } })),
  });
  return (
    <Card title="Tính hạn theo ngày làm việc">
      <Space direction="vertical" style={{ width: '100%' }}>
        <span>Từ ngày</span>
        <DatePicker value={from} format="DD/MM/YYYY" allowClear={false} onChange={(v) => v && setFrom(v)} style={{ width: '100%' }} />
        <span>Cộng thêm số ngày làm việc</span>
        <InputNumber min={0} max={3650} value={days} onChange={(v) => setDays(v ?? 0)} style={{ width: '100%' }} />
        <Typography.Text>
          Hạn: <b>{result.data ? `${dayjs(result.data.date).format('dddd')}, ${formatDate(result.data.date)}` : '…'}</b>
        </Typography.Text>
      </Space>
    </Card>
  );
}
