/** Quality control: response rates by unit and channel, non-responses, time per form, flags, interviewers, keying errors; the responses with exclusion and a second keying. */
import { useState } from 'react';
import { Button, Card, Col, Descriptions, Form, Input, Modal, Row, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../lib/api';
import { formatDateTime, formatNumber, formatPercent } from '../../lib/format';
import { useUrlFilters } from '../../lib/url-filters';
import { AnswerForm } from './AnswerForm';
import { CHANNEL_OPTIONS, FLAG_OPTIONS, useAct, type Answers, type Quality, type ResponseDetail, type SurveyDetail } from './common';

const seconds = (s: number | null) => (s === null ? '—' : s >= 60 ? `${formatNumber(s / 60, 1)} phút` : `${formatNumber(s)} giây`);

export function QualityTab({ survey }: { survey: SurveyDetail }) {
  const id = survey.id;
  const q = useQuery({
    queryKey: ['surveys', 'quality', id],
    queryFn: async () => (await unwrap(api.GET('/api/surveys/{id}/quality', { params: { path: { id } } }))) as Quality,
  });
  const d = q.data;
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      {d && (
        <>
          <Row gutter={[12, 12]}>
            <Col xs={12} md={6}>
              <Card>
                <Statistic
                  title="Tỷ lệ trả lời"
                  value={formatPercent(d.responseRate)}
                  suffix={<small>{`${formatNumber(d.answered)}/${formatNumber(d.issued)}`}</small>}
                />
              </Card>
            </Col>
            {d.nonResponse
              .filter((n) => n.status !== 'issued')
              .map((n) => (
                <Col xs={12} md={6} key={n.status}>
                  <Card>
                    <Statistic title={n.label} value={formatNumber(n.count)} />
                  </Card>
                </Col>
              ))}
          </Row>
          <Row gutter={[12, 12]}>
            <Col xs={24} md={12}>
              <Card size="small" title="Theo kênh">
                <Table
                  size="small"
                  rowKey="channel"
                  pagination={false}
                  dataSource={d.byChannel}
                  columns={[
                    { title: 'Kênh', dataIndex: 'label' },
                    { title: 'Phiếu', align: 'right', render: (_, c) => formatNumber(c.responses) },
                    { title: 'Đã loại', align: 'right', render: (_, c) => formatNumber(c.excluded) },
                    { title: 'Thời gian (trung vị)', align: 'right', render: (_, c) => seconds(c.medianSeconds) },
                  ]}
                />
              </Card>
            </Col>
            <Col xs={24} md={12}>
              <Card size="small" title="Cảnh báo và lỗi nhập liệu">
                <Descriptions size="small" column={1}>
                  {FLAG_OPTIONS.filter((f) => f.value !== 'any').map((f) => (
                    <Descriptions.Item key={f.value} label={f.label}>
                      {formatNumber(d.flags.find((x) => x.flag === f.value)?.count ?? 0)}
                    </Descriptions.Item>
                  ))}
                  <Descriptions.Item label="Phiếu giấy nhập lần hai">
                    {formatNumber(d.keying.doubleKeyed)}/{formatNumber(d.keying.paperForms)}
                  </Descriptions.Item>
                  <Descriptions.Item label="Tỷ lệ lỗi nhập liệu">
                    {d.keying.errorRate === null
                      ? '—'
                      : `${formatNumber(d.keying.errorRate, 2)} % (${formatNumber(d.keying.mismatches)}/${formatNumber(d.keying.fields)} câu)`}
                  </Descriptions.Item>
                </Descriptions>
              </Card>
            </Col>
          </Row>
          <Card size="small" title="Tỷ lệ trả lời theo đơn vị (thấp nhất trước)">
            <Table
              size="small"
              rowKey="unitCode"
              pagination={{ pageSize: 10, hideOnSinglePage: true }}
              scroll={{ x: 700 }}
              dataSource={d.units}
              columns={[
                { title: 'Đơn vị', dataIndex: 'unitName' },
                { title: 'Phát', width: 80, align: 'right', render: (_, u) => formatNumber(u.issued) },
                { title: 'Trả lời', width: 80, align: 'right', render: (_, u) => formatNumber(u.answered) },
                { title: 'Tỷ lệ', width: 90, align: 'right', render: (_, u) => formatPercent(u.responseRate) },
                {
                  title: 'Theo kênh',
                  render: (_, u) =>
                    CHANNEL_OPTIONS.filter((c) => u.channels[c.value])
                      .map((c) => `${c.label.split(' (')[0]}: ${formatNumber(u.channels[c.value]!)}`)
                      .join('; '),
                },
              ]}
            />
          </Card>
          {d.interviewers.length > 0 && (
            <Card size="small" title="Điều tra viên">
              <Table
                size="small"
                rowKey="userId"
                pagination={false}
                scroll={{ x: 760 }}
                dataSource={d.interviewers}
                columns={[
                  { title: 'Điều tra viên', dataIndex: 'fullName' },
                  { title: 'Phiếu', align: 'right', render: (_, i) => formatNumber(i.responses) },
                  { title: 'Thời gian (trung vị)', align: 'right', render: (_, i) => seconds(i.medianSeconds) },
                  { title: 'Cùng một mức', align: 'right', render: (_, i) => formatNumber(i.straightLine) },
                  { title: 'Quá nhanh', align: 'right', render: (_, i) => formatNumber(i.tooFast) },
                  { title: 'Trùng phiếu', align: 'right', render: (_, i) => formatNumber(i.duplicate) },
                  { title: 'Đã loại', align: 'right', render: (_, i) => formatNumber(i.excluded) },
                  { title: 'Điểm TB', align: 'right', render: (_, i) => (i.meanScore === null ? '—' : formatNumber(i.meanScore, 2)) },
                ]}
              />
            </Card>
          )}
        </>
      )}
      <Responses survey={survey} />
    </Space>
  );
}

function Responses({ survey }: { survey: SurveyDetail }) {
  const { get, set, page, pagination } = useUrlFilters(20);
  const [open, setOpen] = useState<number | null>(null);
  const query = {
    channel: get('channel') as 'paper' | undefined,
    flag: get('flag'),
    excluded: get('excluded') === undefined ? undefined : get('excluded') === 'true',
    page,
    pageSize: 20,
  };
  const list = useQuery({
    queryKey: ['surveys', 'responses', survey.id, query],
    queryFn: () => unwrap(api.GET('/api/surveys/{id}/responses', { params: { path: { id: survey.id }, query } })),
  });
  return (
    <Card size="small" title="Phiếu trả lời">
      <Space wrap style={{ marginBottom: 8 }}>
        <Select
          allowClear
          placeholder="Kênh"
          style={{ width: 240 }}
          value={get('channel')}
          onChange={(v) => set({ channel: v })}
          options={CHANNEL_OPTIONS}
        />
        <Select
          allowClear
          placeholder="Cảnh báo"
          style={{ width: 260 }}
          value={get('flag')}
          onChange={(v) => set({ flag: v })}
          options={FLAG_OPTIONS}
        />
        <Select
          allowClear
          placeholder="Đang tính / đã loại"
          style={{ width: 180 }}
          value={get('excluded')}
          onChange={(v) => set({ excluded: v })}
          options={[
            { value: 'false', label: 'Đang tính' },
            { value: 'true', label: 'Đã loại' },
          ]}
        />
      </Space>
      <Table
        size="small"
        rowKey="id"
        loading={list.isPending}
        dataSource={list.data?.rows ?? []}
        pagination={pagination(list.data?.total, 'phiếu')}
        scroll={{ x: 960 }}
        columns={[
          { title: 'Thời điểm', width: 150, render: (_, r) => formatDateTime(r.submittedAt) },
          { title: 'Đơn vị', dataIndex: 'unitName' },
          { title: 'Kênh', width: 170, render: (_, r) => r.channelLabel.split(' (')[0] },
          { title: 'Mã phiếu', dataIndex: 'paperCode', width: 110 },
          { title: 'Thời gian', width: 100, align: 'right', render: (_, r) => seconds(r.durationS) },
          {
            title: 'Cảnh báo',
            render: (_, r) => (
              <>
                {r.flags.map((f) => (
                  <Tag key={f.code} color="orange">
                    {f.label}
                  </Tag>
                ))}
                {r.excluded && <Tag color="red">Đã loại: {r.excludedReason}</Tag>}
                {r.keyingMismatches !== null && <Tag>Nhập lần hai: {formatNumber(r.keyingMismatches)} câu lệch</Tag>}
              </>
            ),
          },
          { title: '', width: 70, render: (_, r) => <a onClick={() => setOpen(r.id)}>Xem</a> },
        ]}
      />
      {open !== null && <ResponseModal id={open} onClose={() => setOpen(null)} />}
    </Card>
  );
}

function ResponseModal({ id, onClose }: { id: number; onClose: () => void }) {
  const r = useQuery({
    queryKey: ['surveys', 'response', id],
    queryFn: async () => (await unwrap(api.GET('/api/surveys/responses/{id}', { params: { path: { id } } }))) as ResponseDetail,
  });
  const [second, setSecond] = useState<Answers | null>(null);
  const [form] = Form.useForm();
  const act = useAct(onClose);
  const v = r.data;
  return (
    <Modal open title={`Phiếu trả lời số ${id}`} onCancel={onClose} footer={null} width={860} destroyOnHidden>
      {v && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Descriptions size="small" column={{ xs: 1, md: 2 }}>
            <Descriptions.Item label="Đơn vị">{v.unitName}</Descriptions.Item>
            <Descriptions.Item label="Kênh">{v.channelLabel}</Descriptions.Item>
            <Descriptions.Item label="Mã phiếu">{v.paperCode ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="Người nhập">{v.enteredByName ?? v.interviewerName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="Gửi lúc">{formatDateTime(v.submittedAt)}</Descriptions.Item>
            <Descriptions.Item label="Cảnh báo">{v.flags.map((f) => f.label).join('; ') || 'Không'}</Descriptions.Item>
          </Descriptions>
          {v.doubleEntry && (
            <Typography.Text>
              Nhập lần hai: lệch {formatNumber(v.doubleEntry.mismatches)}/{formatNumber(v.doubleEntry.fields)} câu
              {v.doubleEntry.differing.length ? ` (${v.doubleEntry.differing.join(', ')})` : ''}.
            </Typography.Text>
          )}
          {second ? (
            <>
              <Typography.Text strong>Nhập lần hai từ phiếu giấy (không nhìn lần nhập đầu)</Typography.Text>
              <AnswerForm definition={v.definition} value={second} onChange={setSecond} />
              <Button
                type="primary"
                loading={act.isPending}
                onClick={() =>
                  act.mutate(() =>
                    unwrap(api.POST('/api/surveys/responses/{id}/double-entry', { params: { path: { id } }, body: { answers: second } })),
                  )
                }
              >
                Lưu lần nhập thứ hai
              </Button>
            </>
          ) : (
            <AnswerForm definition={v.definition} value={v.answers} onChange={() => undefined} />
          )}
          <Form
            form={form}
            layout="inline"
            onFinish={(f: { reason: string }) =>
              act.mutate(() =>
                unwrap(
                  api.POST('/api/surveys/responses/{id}/exclusion', {
                    params: { path: { id } },
                    body: { excluded: !v.excluded, reason: f.reason },
                  }),
                ),
              )
            }
          >
            <Form.Item name="reason" rules={[{ required: true, message: 'Ghi rõ lý do' }]} style={{ minWidth: 360 }}>
              <Input
                placeholder={v.excluded ? 'Lý do khôi phục phiếu' : 'Lý do loại phiếu (câu trả lời không bao giờ bị sửa)'}
                maxLength={1000}
              />
            </Form.Item>
            <Button danger={!v.excluded} htmlType="submit" loading={act.isPending}>
              {v.excluded ? 'Khôi phục phiếu' : 'Loại khỏi kết quả'}
            </Button>
            {v.channelLabel.startsWith('Phiếu giấy') && !v.doubleEntry && !second && (
              <Button onClick={() => setSecond({})}>Nhập lần hai</Button>
            )}
          </Form>
        </Space>
      )}
    </Modal>
  );
}
