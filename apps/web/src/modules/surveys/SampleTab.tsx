/** The sample: per unit N, n, the seed and the frame's digest; a new draw; the people drawn with their codes and non-responses. */
import { useState } from 'react';
import { Button, Card, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api, unwrap, urlFor } from '../../lib/api';
import { formatDateTime, formatNumber, formatRate } from '../../lib/format';
import { useProvinceUnits } from '../../lib/session';
import { useUrlFilters } from '../../lib/url-filters';
import { useAct, type SurveyDetail } from './common';

const TOKEN_STATUS = [
  { value: 'issued', label: 'Đã phát, chưa trả lời' },
  { value: 'answered', label: 'Đã trả lời' },
  { value: 'refused', label: 'Từ chối trả lời' },
  { value: 'unreachable', label: 'Không liên lạc được' },
  { value: 'blank', label: 'Phiếu gửi về để trống' },
];

export function SampleTab({ survey }: { survey: SurveyDetail }) {
  const id = survey.id;
  const samples = useQuery({
    queryKey: ['surveys', 'samples', id],
    queryFn: () => unwrap(api.GET('/api/surveys/{id}/samples', { params: { path: { id } } })),
  });
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      {survey.can.sample && <DrawForm survey={survey} />}
      <Table
        size="small"
        rowKey="id"
        loading={samples.isPending}
        dataSource={samples.data ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 1000 }}
        locale={{ emptyText: 'Chưa chọn mẫu.' }}
        columns={[
          { title: 'Đơn vị', dataIndex: 'unitName' },
          { title: 'Tổng thể N (hồ sơ đã giải quyết)', width: 150, align: 'right', render: (_, s) => formatNumber(s.population) },
          { title: 'Có liên hệ', width: 100, align: 'right', render: (_, s) => formatNumber(s.reachable) },
          { title: 'Cỡ mẫu n', width: 100, align: 'right', render: (_, s) => formatNumber(s.sampleSize) },
          { title: 'Đã chọn', width: 90, align: 'right', render: (_, s) => formatNumber(s.drawn) },
          {
            title: 'Trả lời',
            width: 120,
            align: 'right',
            render: (_, s) => `${formatNumber(s.answered)} (${formatRate(s.answered, s.drawn)})`,
          },
          { title: 'Sai số e', width: 80, align: 'right', render: (_, s) => `${formatNumber(s.marginOfError * 100, 1)} %` },
          {
            title: 'Hạt giống, dấu danh sách',
            width: 190,
            render: (_, s) => (
              <Typography.Text copyable={{ text: `${s.seed} ${s.frameDigest}` }} title={`Chọn lúc ${formatDateTime(s.drawnAt)}`}>
                {s.seed} · {s.frameDigest.slice(0, 8)}
              </Typography.Text>
            ),
          },
          ...(survey.can.sample
            ? [
                {
                  title: '',
                  width: 120,
                  render: (_: unknown, s: { unitCode: string }) => (
                    <a href={urlFor('/api/surveys/{id}/forms.pdf', { path: { id }, query: { unit: s.unitCode } })}>In phiếu (PDF)</a>
                  ),
                },
              ]
            : []),
        ]}
      />
      {survey.can.sample && <Tokens survey={survey} units={(samples.data ?? []).map((s) => ({ value: s.unitCode, label: s.unitName }))} />}
    </Space>
  );
}

function DrawForm({ survey }: { survey: SurveyDetail }) {
  const units = useProvinceUnits();
  const [result, setResult] = useState<{
    seed: number;
    units: { unitName: string; population: number; sampleSize: number; drawn: number }[];
  } | null>(null);
  const act = useAct();
  return (
    <Card size="small" title="Chọn mẫu từ hồ sơ đã giải quyết trong kỳ">
      <Typography.Paragraph type="secondary">
        Mỗi đơn vị: N = số hồ sơ tiếp nhận trong kỳ đã giải quyết (như thống kê hồ sơ), n = N / (1 + N·e²). Người được chọn ngẫu nhiên theo
        hạt giống (ghi lại để kiểm tra lại đúng kết quả), mỗi người chỉ một lần dù có hồ sơ ở nhiều đơn vị; mỗi người một mã phiếu dùng một
        lần. Chọn lại được khi đơn vị chưa có phiếu trả lời.
      </Typography.Paragraph>
      <Form
        layout="inline"
        initialValues={{ marginOfError: 5 }}
        onFinish={(v: { units: string[]; marginOfError: number; seed?: number }) =>
          act.mutate(async () =>
            setResult(
              await unwrap(
                api.POST('/api/surveys/{id}/sample', {
                  params: { path: { id: survey.id } },
                  body: { units: v.units, marginOfError: v.marginOfError / 100, seed: v.seed ?? undefined },
                }),
              ),
            ),
          )
        }
      >
        <Form.Item name="units" label="Đơn vị" rules={[{ required: true, message: 'Chọn đơn vị' }]} style={{ minWidth: 320 }}>
          <Select
            mode="multiple"
            showSearch
            optionFilterProp="label"
            options={(units.data ?? []).map((u) => ({ value: u.code, label: u.name }))}
          />
        </Form.Item>
        <Form.Item name="marginOfError" label="Sai số e (%)">
          <InputNumber min={1} max={50} decimalSeparator="," />
        </Form.Item>
        <Form.Item name="seed" label="Hạt giống (để trống: tự sinh)">
          <InputNumber min={0} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={act.isPending}>
          Chọn mẫu
        </Button>
      </Form>
      {result && (
        <Typography.Paragraph style={{ marginTop: 8 }}>
          Hạt giống {result.seed}:{' '}
          {result.units
            .map(
              (u) => `${u.unitName} N = ${formatNumber(u.population)}, n = ${formatNumber(u.sampleSize)}, đã chọn ${formatNumber(u.drawn)}`,
            )
            .join('; ')}
          .
        </Typography.Paragraph>
      )}
    </Card>
  );
}

function Tokens({ survey, units }: { survey: SurveyDetail; units: { value: string; label: string }[] }) {
  const { get, set, page, pagination } = useUrlFilters(50);
  const [marking, setMarking] = useState<{ id: number; paperCode: string } | null>(null);
  const [form] = Form.useForm();
  const act = useAct(() => setMarking(null));
  const query = { unit: get('tunit'), status: get('tstatus') as 'issued' | undefined, q: get('tq'), page, pageSize: 50 };
  const list = useQuery({
    queryKey: ['surveys', 'tokens', survey.id, query],
    queryFn: () => unwrap(api.GET('/api/surveys/{id}/tokens', { params: { path: { id: survey.id }, query } })),
  });
  return (
    <Card size="small" title="Người được chọn">
      <Space wrap style={{ marginBottom: 8 }}>
        <Select
          allowClear
          placeholder="Đơn vị"
          style={{ width: 240 }}
          value={get('tunit')}
          onChange={(v) => set({ tunit: v })}
          options={units}
        />
        <Select
          allowClear
          placeholder="Trạng thái"
          style={{ width: 220 }}
          value={get('tstatus')}
          onChange={(v) => set({ tstatus: v })}
          options={TOKEN_STATUS}
        />
        <Input.Search
          allowClear
          placeholder="Mã phiếu hoặc mã hồ sơ"
          style={{ width: 240 }}
          onSearch={(v) => set({ tq: v.trim() || undefined })}
          aria-label="Tìm mã phiếu"
        />
      </Space>
      <Table
        size="small"
        rowKey="id"
        loading={list.isPending}
        dataSource={list.data?.rows ?? []}
        pagination={pagination(list.data?.total, 'người')}
        scroll={{ x: 900 }}
        columns={[
          { title: 'Đơn vị', dataIndex: 'unitName' },
          { title: 'Thứ tự', dataIndex: 'rank', width: 70, align: 'right' },
          { title: 'Mã phiếu', dataIndex: 'paperCode', width: 110 },
          { title: 'Hồ sơ', dataIndex: 'dossierCode', width: 120 },
          {
            title: 'Trạng thái',
            width: 260,
            render: (_, t) => (
              <>
                <Tag color={t.status === 'answered' ? 'green' : t.status === 'issued' ? 'default' : 'orange'}>{t.statusLabel}</Tag>
                {t.reason && <Typography.Text type="secondary">{t.reason}</Typography.Text>}
              </>
            ),
          },
          {
            title: '',
            width: 200,
            render: (_, t) => (
              <Space>
                <Typography.Link copyable={{ text: `${window.location.origin}${t.link}` }} href={t.link} target="_blank">
                  Đường dẫn
                </Typography.Link>
                {t.status !== 'answered' && survey.can.enter && (
                  <a onClick={() => setMarking({ id: t.id, paperCode: t.paperCode })}>Ghi không trả lời</a>
                )}
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={!!marking}
        title={`Phiếu ${marking?.paperCode ?? ''}: ghi nhận không trả lời`}
        okText="Lưu"
        cancelText="Hủy"
        onCancel={() => setMarking(null)}
        onOk={() => form.submit()}
        confirmLoading={act.isPending}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          initialValues={{ status: 'unreachable' }}
          onFinish={(v: { status: 'refused'; reason: string }) =>
            act.mutate(() =>
              unwrap(
                api.POST('/api/surveys/{id}/tokens/{tokenId}/status', {
                  params: { path: { id: survey.id, tokenId: marking!.id } },
                  body: v,
                }),
              ),
            )
          }
        >
          <Form.Item name="status" label="Tình trạng">
            <Select options={TOKEN_STATUS.filter((s) => s.value !== 'answered')} />
          </Form.Item>
          <Form.Item name="reason" label="Lý do" rules={[{ required: true, message: 'Ghi rõ lý do' }]}>
            <Input.TextArea rows={2} maxLength={1000} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
