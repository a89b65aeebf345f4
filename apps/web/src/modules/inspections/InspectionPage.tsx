/**
 * One inspection: what and when, the checklist (kept on the tablet while offline and sent when the signal
 * is back, against the version it started from), the findings and their remedy, the record and the
 * conclusion, evidence and photos, the documents.
 */
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import {
  Alert,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Form,
  Grid,
  Input,
  List,
  Radio,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { useQuery } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { api, errorMessage, unwrap, upload, uploadForm, urlFor } from '../../lib/api';
import { formatDate } from '../../lib/format';
import { SEVERITY_OPTIONS, STATE_COLORS, STATUS_COLORS, useAct, type Finding, type InspectionDetail } from './common';

type Result = 'pass' | 'fail' | 'na' | null;
type Draft = { version: number; results: Record<string, { result: Result; note: string }> };

export function InspectionPage() {
  const id = Number(useParams().id);
  const q = useQuery({
    queryKey: ['inspections', 'one', id],
    queryFn: () => unwrap(api.GET('/api/inspections/{id}', { params: { path: { id } } })),
  });
  if (q.isError) return <Alert type="error" showIcon message={errorMessage(q.error)} />;
  if (!q.data) return <Card loading />;
  const v = q.data;
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Link to="/inspections?tab=visits">← Lịch, kết quả kiểm tra</Link>
      <Typography.Title level={3} className="page-title" style={{ marginBottom: 0 }}>
        Kiểm tra CCHC tại {v.unitName}
      </Typography.Title>
      <Space wrap>
        <Tag color={STATUS_COLORS[v.status]}>{v.statusLabel}</Tag>
        <Tag>{v.kindLabel}</Tag>
        {v.fromDraw && <Tag color="purple">Từ bốc thăm đột xuất</Tag>}
        <a href={urlFor('/api/inspections/{id}/record.docx', { path: { id } })}>Biên bản (DOCX)</a>
        <a href={urlFor('/api/inspections/{id}/conclusion.docx', { path: { id } })}>Kết luận (DOCX)</a>
      </Space>
      <Card size="small">
        <Descriptions size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label="Ngày kiểm tra">{formatDate(v.date)}</Descriptions.Item>
          <Descriptions.Item label="Kế hoạch">{v.plan.name}</Descriptions.Item>
          <Descriptions.Item label="Trưởng đoàn">{v.teamLeader ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="Thành viên">{v.teamMembers ?? '—'}</Descriptions.Item>
          {v.byUnitName && <Descriptions.Item label="Đơn vị tự kiểm tra">{v.byUnitName}</Descriptions.Item>}
          <Descriptions.Item label="Nội dung">{v.areaLabels.join('; ')}</Descriptions.Item>
          {v.cancelReason && <Descriptions.Item label="Lý do hủy">{v.cancelReason}</Descriptions.Item>}
        </Descriptions>
      </Card>
      <Checklist v={v} />
      <Findings v={v} />
      <Row gutter={[16, 16]}>
        <Col xs={24} md={14}>
          <Conclusion v={v} />
        </Col>
        <Col xs={24} md={10}>
          <Evidence v={v} />
        </Col>
      </Row>
      {v.abilities.cancel && <Cancel id={id} />}
    </Space>
  );
}

const draftKey = (id: number) => `cchc.inspection.${id}.checklist`;

function Checklist({ v }: { v: InspectionDetail }) {
  const editable = v.abilities.conduct;
  const fromServer = (): Draft => ({
    version: v.version,
    results: Object.fromEntries(v.checks.map((c) => [c.itemCode, { result: c.result, note: c.note ?? '' }])),
  });
  const [draft, setDraft] = useState<Draft>(() => {
    const saved = localStorage.getItem(draftKey(v.id));
    return saved ? (JSON.parse(saved) as Draft) : fromServer();
  });
  const [online, setOnline] = useState(navigator.onLine);
  const [error, setError] = useState<string | null>(null);
  const act = useAct(() => {
    localStorage.removeItem(draftKey(v.id));
    setError(null);
  });
  const pending = !!localStorage.getItem(draftKey(v.id));
  const send = (d: Draft) =>
    act.mutate(() =>
      unwrap(
        api.PUT('/api/inspections/{id}/checklist', {
          params: { path: { id: v.id } },
          body: {
            version: d.version,
            results: Object.entries(d.results).map(([itemCode, r]) => ({ itemCode, result: r.result, note: r.note || null })),
          },
        }),
      ).catch((e) => {
        setError(errorMessage(e));
        throw e;
      }),
    );
  // Back online: send what was kept on this device.
  useEffect(() => {
    const on = () => {
      setOnline(true);
      const saved = localStorage.getItem(draftKey(v.id));
      if (saved) send(JSON.parse(saved) as Draft);
    };
    const off = () => setOnline(false);
    window.addEventListener('online', on);
    window.addEventListener('offline', off);
    return () => {
      window.removeEventListener('online', on);
      window.removeEventListener('offline', off);
    };
  });
  useEffect(() => {
    if (!localStorage.getItem(draftKey(v.id))) setDraft(fromServer());
  }, [v.version]);
  const phone = !Grid.useBreakpoint().md;
  const change = (code: string, patch: Partial<{ result: Result; note: string }>) => {
    const next = { ...draft, results: { ...draft.results, [code]: { ...draft.results[code]!, ...patch } } };
    setDraft(next);
    localStorage.setItem(draftKey(v.id), JSON.stringify(next));
  };
  type Check = InspectionDetail['checks'][number];
  const ResultPicker = ({ c }: { c: Check }) => (
    <Radio.Group
      aria-label={`Kết quả: ${c.text}`}
      disabled={!editable}
      value={draft.results[c.itemCode]?.result ?? null}
      onChange={(e) => change(c.itemCode, { result: e.target.value as Result })}
      optionType="button"
      size="small"
      options={[
        { value: 'pass', label: 'Đạt' },
        { value: 'fail', label: 'Chưa đạt' },
        { value: 'na', label: 'Không áp dụng' },
      ]}
    />
  );
  const NoteInput = ({ c }: { c: Check }) => (
    <Input
      aria-label={`Ghi chú: ${c.text}`}
      placeholder={phone ? 'Ghi chú' : undefined}
      disabled={!editable}
      value={draft.results[c.itemCode]?.note ?? ''}
      onChange={(e) => change(c.itemCode, { note: e.target.value })}
    />
  );
  return (
    <Card
      size="small"
      title="Kết quả kiểm tra từng nội dung"
      extra={
        editable && (
          <Space wrap>
            {!online && <Tag color="orange">Mất kết nối: đang lưu trên máy</Tag>}
            {pending && online && <Tag color="blue">Có thay đổi chưa gửi</Tag>}
            <Button type="primary" disabled={!online || !pending} loading={act.isPending} onClick={() => send(draft)}>
              Gửi kết quả
            </Button>
          </Space>
        )
      }
    >
      {error && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 8 }}
          message={error}
          action={
            <Button
              size="small"
              onClick={() => {
                localStorage.removeItem(draftKey(v.id));
                setDraft(fromServer());
                setError(null);
              }}
            >
              Bỏ bản trên máy
            </Button>
          }
        />
      )}
      {phone ? (
        <List
          dataSource={v.checks}
          renderItem={(c) => (
            <List.Item>
              <Space direction="vertical" size={6} style={{ width: '100%' }}>
                <span>{c.text}</span>
                <ResultPicker c={c} />
                <NoteInput c={c} />
              </Space>
            </List.Item>
          )}
        />
      ) : (
        <Table
          size="small"
          rowKey="itemCode"
          dataSource={v.checks}
          pagination={false}
          columns={[
            {
              title: 'Nội dung',
              dataIndex: 'text',
              render: (t: string, c) => (
                <Space direction="vertical" size={0}>
                  <span>{t}</span>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {c.areaLabel}
                  </Typography.Text>
                </Space>
              ),
            },
            { title: 'Kết quả', width: 300, render: (_: unknown, c) => <ResultPicker c={c} /> },
            { title: 'Ghi chú', width: 240, render: (_: unknown, c) => <NoteInput c={c} /> },
          ]}
        />
      )}
    </Card>
  );
}

function Findings({ v }: { v: InspectionDetail }) {
  const [form] = Form.useForm();
  const act = useAct(() => form.resetFields());
  const verify = useAct();
  const [note, setNote] = useState<Record<number, string>>({});
  return (
    <Card size="small" title="Tồn tại, hạn chế và kiến nghị khắc phục">
      <Table
        size="small"
        rowKey="id"
        dataSource={v.findings}
        pagination={false}
        scroll={{ x: 800 }}
        locale={{ emptyText: 'Chưa ghi tồn tại, hạn chế nào.' }}
        columns={[
          {
            title: 'Tồn tại, hạn chế',
            dataIndex: 'text',
            render: (t: string, f: Finding) => (
              <Space direction="vertical" size={0}>
                <span>{t}</span>
                {f.remedy && <Typography.Text type="secondary">Khắc phục: {f.remedy}</Typography.Text>}
                {f.repeated && <Tag color="magenta">Lặp lại so với lần kiểm tra trước</Tag>}
              </Space>
            ),
          },
          { title: 'Mức độ', dataIndex: 'severityLabel', width: 100 },
          { title: 'Hạn', dataIndex: 'dueDate', width: 100, render: (d: string) => formatDate(d) },
          {
            title: 'Tình trạng',
            width: 260,
            render: (_: unknown, f: Finding) => (
              <Space direction="vertical" size={2}>
                <Tag color={STATE_COLORS[f.state]}>{f.stateLabel}</Tag>
                {f.taskId && (
                  <Link to={`/directives/tasks/${f.taskId}`}>Nhiệm vụ khắc phục{f.taskStatusLabel ? `: ${f.taskStatusLabel}` : ''}</Link>
                )}
                {f.verifyNote && <Typography.Text type="secondary">{f.verifyNote}</Typography.Text>}
              </Space>
            ),
          },
          ...(v.abilities.verify
            ? [
                {
                  title: 'Xác minh',
                  width: 250,
                  render: (_: unknown, f: Finding) =>
                    f.status === 'remedied' ? null : (
                      <Space direction="vertical" size={4}>
                        <Input
                          size="small"
                          placeholder="Ghi chú (bắt buộc khi chưa đạt)"
                          aria-label="Ghi chú xác minh"
                          value={note[f.id] ?? ''}
                          onChange={(e) => setNote({ ...note, [f.id]: e.target.value })}
                        />
                        <Space size={4}>
                          <Button
                            size="small"
                            type="primary"
                            onClick={() =>
                              verify.mutate(() =>
                                unwrap(
                                  api.POST('/api/inspections/findings/{id}/verify', {
                                    params: { path: { id: f.id } },
                                    body: { remedied: true, note: note[f.id] },
                                  }),
                                ),
                              )
                            }
                          >
                            Đã khắc phục
                          </Button>
                          <Button
                            size="small"
                            danger
                            onClick={() =>
                              verify.mutate(() =>
                                unwrap(
                                  api.POST('/api/inspections/findings/{id}/verify', {
                                    params: { path: { id: f.id } },
                                    body: { remedied: false, note: note[f.id] },
                                  }),
                                ),
                              )
                            }
                          >
                            Chưa đạt
                          </Button>
                        </Space>
                      </Space>
                    ),
                },
              ]
            : []),
        ]}
      />
      {v.abilities.conduct && (
        <Form
          form={form}
          layout="vertical"
          style={{ marginTop: 12 }}
          initialValues={{ severity: 'major' }}
          onFinish={(f: { text: string; severity: string; dueDate: Dayjs; remedy?: string; itemCode?: string }) =>
            act.mutate(() =>
              unwrap(
                api.POST('/api/inspections/{id}/findings', {
                  params: { path: { id: v.id } },
                  body: { ...f, dueDate: f.dueDate.format('YYYY-MM-DD') },
                }),
              ),
            )
          }
        >
          <Row gutter={12}>
            <Col xs={24} md={10}>
              <Form.Item name="text" label="Tồn tại, hạn chế" rules={[{ required: true, min: 10, message: 'Ghi ít nhất 10 ký tự' }]}>
                <Input.TextArea autoSize={{ minRows: 2 }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="remedy" label="Kiến nghị khắc phục">
                <Input.TextArea autoSize={{ minRows: 2 }} />
              </Form.Item>
            </Col>
            <Col xs={12} md={3}>
              <Form.Item name="severity" label="Mức độ">
                <Select options={SEVERITY_OPTIONS} />
              </Form.Item>
            </Col>
            <Col xs={12} md={3}>
              <Form.Item name="dueDate" label="Hạn khắc phục" rules={[{ required: true, message: 'Chọn hạn' }]}>
                <DatePicker format="DD/MM/YYYY" placeholder="Chọn ngày" style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={12} align="bottom">
            <Col xs={24} md={10}>
              <Form.Item name="itemCode" label="Thuộc nội dung kiểm tra">
                <Select allowClear options={v.checks.map((c) => ({ value: c.itemCode, label: c.text }))} />
              </Form.Item>
            </Col>
            <Col>
              <Form.Item>
                <Button htmlType="submit" type="primary" loading={act.isPending}>
                  Ghi kiến nghị và giao nhiệm vụ khắc phục
                </Button>
              </Form.Item>
            </Col>
          </Row>
        </Form>
      )}
    </Card>
  );
}

function Conclusion({ v }: { v: InspectionDetail }) {
  const act = useAct();
  if (!v.abilities.conclude)
    return (
      <Card size="small" title="Biên bản và kết luận">
        {v.conclusion ? (
          <Space direction="vertical">
            <Typography.Text strong>Ghi nhận của Đoàn kiểm tra</Typography.Text>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{v.recordText}</Typography.Paragraph>
            <Typography.Text strong>Kết luận ({formatDate(v.concludedAt)})</Typography.Text>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{v.conclusion}</Typography.Paragraph>
          </Space>
        ) : (
          <Typography.Text type="secondary">Chưa có kết luận.</Typography.Text>
        )}
      </Card>
    );
  return (
    <Card size="small" title="Biên bản và kết luận">
      {!v.held && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 8 }}
          message={`Cuộc kiểm tra diễn ra ngày ${formatDate(v.date)}; kết luận ghi sau ngày đó.`}
        />
      )}
      <Form
        layout="vertical"
        initialValues={{ recordText: v.recordText ?? '', conclusion: v.conclusion ?? '' }}
        onFinish={(f: { recordText: string; conclusion: string }) =>
          act.mutate(() =>
            unwrap(api.POST('/api/inspections/{id}/conclude', { params: { path: { id: v.id } }, body: { ...f, version: v.version } })),
          )
        }
      >
        <Form.Item
          name="recordText"
          label="Ghi nhận của Đoàn kiểm tra (biên bản)"
          rules={[{ required: true, min: 20, message: 'Ghi ít nhất 20 ký tự' }]}
        >
          <Input.TextArea autoSize={{ minRows: 3 }} />
        </Form.Item>
        <Form.Item name="conclusion" label="Kết luận" rules={[{ required: true, min: 20, message: 'Ghi ít nhất 20 ký tự' }]}>
          <Input.TextArea autoSize={{ minRows: 3 }} />
        </Form.Item>
        <Button htmlType="submit" type="primary" disabled={!v.held} loading={act.isPending}>
          Ban hành kết luận
        </Button>
      </Form>
    </Card>
  );
}

function Evidence({ v }: { v: InspectionDetail }) {
  const act = useAct();
  return (
    <Card size="small" title="Tài liệu, ảnh chụp">
      <Space direction="vertical" style={{ width: '100%' }}>
        {v.evidence.map((f) => (
          <Space key={f.id} wrap>
            <a href={urlFor('/api/inspections/{id}/evidence/{fileId}', { path: { id: v.id, fileId: f.id } })}>{f.filename}</a>
            {v.abilities.conduct && (
              <Button
                size="small"
                danger
                onClick={() =>
                  act.mutate(() =>
                    unwrap(api.DELETE('/api/inspections/{id}/evidence/{fileId}', { params: { path: { id: v.id, fileId: f.id } } })),
                  )
                }
              >
                Gỡ
              </Button>
            )}
          </Space>
        ))}
        {!v.evidence.length && <Typography.Text type="secondary">Chưa có tài liệu.</Typography.Text>}
        {v.abilities.conduct && (
          <Upload
            showUploadList={false}
            beforeUpload={(file) => {
              act.mutate(() => upload('/api/inspections/{id}/evidence', uploadForm(file, file.name), { id: v.id }));
              return false;
            }}
          >
            <Button>Đính kèm tài liệu, ảnh</Button>
          </Upload>
        )}
      </Space>
    </Card>
  );
}

function Cancel({ id }: { id: number }) {
  const [reason, setReason] = useState('');
  const act = useAct();
  return (
    <Card size="small" title="Hủy cuộc kiểm tra">
      <Space wrap>
        <Input
          aria-label="Lý do hủy"
          placeholder="Lý do hủy"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          style={{ width: 320 }}
        />
        <Button
          danger
          disabled={reason.trim().length < 5}
          onClick={() => act.mutate(() => unwrap(api.POST('/api/inspections/{id}/cancel', { params: { path: { id } }, body: { reason } })))}
        >
          Hủy lịch
        </Button>
      </Space>
    </Card>
  );
}
