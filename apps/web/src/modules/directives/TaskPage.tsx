import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import dayjs from 'dayjs';
import {
  Alert,
  App,
  Button,
  Card,
  Collapse,
  DatePicker,
  Descriptions,
  Form,
  Input,
  InputNumber,
  List,
  Modal,
  Popconfirm,
  Result,
  Space,
  Tag,
  Tooltip,
  Typography,
  Upload,
} from 'antd';
import {
  CheckOutlined,
  DeleteOutlined,
  EditOutlined,
  PaperClipOutlined,
  RollbackOutlined,
  SendOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { api, ApiError, errorMessage, queryClient, unwrap, upload as sendFile, uploadForm, urlFor } from '../../lib/api';
import { formatDate, formatDateTime, formatNumber } from '../../lib/format';
import { useAct } from '../../lib/use-act';
import { RECURRENCE, REPORT_STATE, StatusTag, type TaskDetail } from './common';
import { TaskFields } from './TaskFields';

type Obligation = TaskDetail['obligations'][number];

export function TaskPage() {
  const id = Number(useParams().id);
  const q = useQuery({ queryKey: ['task', id], queryFn: () => unwrap(api.GET('/api/tasks/{id}', { params: { path: { id } } })) });
  if (q.isError)
    return <Result status={q.error instanceof ApiError && q.error.status === 404 ? '404' : 'error'} title={errorMessage(q.error)} />;
  const t = q.data;
  if (!t) return <Card loading />;
  const open = t.obligations.filter((o) => o.status !== 'done_on_time' && o.status !== 'done_late');
  const cancelled = t.status === 'cancelled';
  const shown = t.recurrence ? [...open.slice(0, 2), ...t.obligations.filter((o) => !open.includes(o)).reverse()] : t.obligations;
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      {cancelled && (
        <Alert
          type="warning"
          showIcon
          title={`Nhiệm vụ đã được hủy${t.cancelledAt ? ` lúc ${formatDateTime(t.cancelledAt)}` : ''}`}
          description={`${t.cancelReason ?? ''} Nhiệm vụ không còn tính vào số liệu; các báo cáo đã có vẫn được lưu dưới đây.`}
        />
      )}
      <Card extra={t.abilities.edit && !cancelled && <TaskActions t={t} />}>
        <Space wrap style={{ marginBottom: 8 }}>
          <Link to={`/directives/${t.directiveId}`}>{t.directiveNumber}</Link>
          <span>›</span>
          <span>
            {t.sectionNumber} {t.sectionHeading}
          </span>
        </Space>
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {t.label} {t.content.split('\n')[0]}
        </Typography.Title>
        {t.content.includes('\n') && (
          <Typography.Paragraph style={{ whiteSpace: 'pre-line' }}>{t.content.split('\n').slice(1).join('\n')}</Typography.Paragraph>
        )}
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2 }}
          items={[
            { key: 'lead', label: 'Chủ trì', children: t.leadUnitName },
            { key: 'co', label: 'Phối hợp', children: t.coordinators.map((c) => c.name).join(', ') || '—' },
            {
              key: 'due',
              label: 'Thời hạn',
              children: t.dueDate
                ? formatDate(t.dueDate)
                : `${RECURRENCE[t.recurrence ?? ''] ?? ''}, báo cáo trong ${t.reportDays ?? 0} ngày làm việc sau kỳ`,
            },
            { key: 'st', label: 'Trạng thái', children: <StatusTag status={t.status} label={t.statusLabel} /> },
            ...(t.expectedOutput ? [{ key: 'out', label: 'Sản phẩm', children: t.expectedOutput }] : []),
            ...(t.indexLinks.length
              ? [
                  {
                    key: 'idx',
                    label: 'Bảo vệ chỉ số',
                    children: t.indexLinks.map((l) => (
                      <Tag key={`${l.indexCode}${l.componentCode}`}>
                        {l.indexCode} {l.componentCode}
                      </Tag>
                    )),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      {shown.map((o) => (
        <ObligationCard key={o.periodKey} taskId={t.id} o={o} />
      ))}
      {t.recurrence && shown.length < t.obligations.length && (
        <Typography.Text type="secondary">
          Các kỳ sau:{' '}
          {t.obligations
            .filter((o) => !shown.includes(o))
            .map((o) => `${o.periodLabel} (hạn ${formatDate(o.dueDate)})`)
            .join('; ')}
          .
        </Typography.Text>
      )}
    </Space>
  );
}

function ObligationCard({ taskId, o }: { taskId: number; o: Obligation }) {
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [returning, setReturning] = useState(false);
  const [note, setNote] = useState('');
  const base = { params: { path: { id: taskId, period: o.periodKey } } };
  const done = (msg: string) => () => {
    message.success(msg);
    void queryClient.invalidateQueries({ queryKey: ['task', taskId] });
    void queryClient.invalidateQueries({ queryKey: ['tasks'] });
    void queryClient.invalidateQueries({ queryKey: ['directives'] });
  };
  const onError = (e: unknown) => message.error(errorMessage(e));
  const save = useMutation({
    mutationFn: (v: { content: string; percent: number }) =>
      unwrap(api.PUT('/api/tasks/{id}/reports/{period}', { ...base, body: { ...v, version: r?.version } })),
    onSuccess: done('Đã lưu bản nháp'),
    onError,
  });
  const submit = useMutation({
    mutationFn: () => unwrap(api.POST('/api/tasks/{id}/reports/{period}/submit', { ...base, body: { version: r?.version } })),
    onSuccess: done('Đã gửi báo cáo tới Sở Nội vụ'),
    onError,
  });
  const review = useMutation({
    mutationFn: (v: { decision: 'accept' | 'return'; note?: string }) =>
      unwrap(api.POST('/api/tasks/{id}/reports/{period}/review', { ...base, body: { ...v, version: r?.version } })),
    onSuccess: (_d, v) => {
      setReturning(false);
      done(v.decision === 'accept' ? 'Đã chấp nhận báo cáo' : 'Đã trả lại báo cáo')();
    },
    onError,
  });
  const upload = useMutation({
    mutationFn: (file: File) => {
      return sendFile('/api/tasks/{id}/reports/{period}/evidence', uploadForm(file, file.name), base.params.path);
    },
    onSuccess: done('Đã đính kèm minh chứng'),
    onError,
  });
  const removeFile = useMutation({
    mutationFn: (evidenceId: number) =>
      unwrap(
        api.DELETE('/api/tasks/{id}/reports/{period}/evidence/{evidenceId}', { params: { path: { ...base.params.path, evidenceId } } }),
      ),
    onSuccess: done('Đã gỡ tệp minh chứng'),
    onError,
  });
  const r = o.report;
  const state = r ? REPORT_STATE[r.state] : null;
  return (
    <Card
      size="small"
      title={
        <Space wrap>
          {o.periodKey === 'once' ? 'Báo cáo kết quả' : `Kỳ ${o.periodLabel}`}
          <span>hạn {formatDate(o.dueDate)}</span>
          <StatusTag status={o.status} label={o.statusLabel} />
          {o.daysLate > 0 && <Typography.Text type="danger">{o.daysLate} ngày làm việc</Typography.Text>}
        </Space>
      }
      extra={state && <Tag color={state.color}>{state.label}</Tag>}
    >
      {r?.state === 'returned' && r.reviewNote && (
        <Alert type="error" showIcon style={{ marginBottom: 12 }} title={`Sở Nội vụ trả lại: ${r.reviewNote}`} />
      )}
      {o.abilities.report ? (
        <Form
          form={form}
          layout="vertical"
          initialValues={{ content: r?.content, percent: r?.percent ?? 0 }}
          onFinish={(v) => save.mutate(v)}
        >
          <Form.Item name="content" label="Kết quả thực hiện" rules={[{ required: true, message: 'Nhập nội dung báo cáo' }]}>
            <Input.TextArea rows={4} placeholder="Đã làm gì, kết quả, văn bản ban hành, khó khăn…" />
          </Form.Item>
          <Space wrap>
            <Form.Item name="percent" label="Mức độ hoàn thành (%)">
              <InputNumber min={0} max={100} />
            </Form.Item>
            <Button htmlType="submit" loading={save.isPending}>
              Lưu bản nháp
            </Button>
            {o.abilities.submit && (
              <Button type="primary" icon={<SendOutlined />} disabled={!r} loading={submit.isPending} onClick={() => submit.mutate()}>
                Duyệt và gửi Sở Nội vụ
              </Button>
            )}
          </Space>
        </Form>
      ) : r ? (
        <>
          <Typography.Paragraph style={{ whiteSpace: 'pre-line' }}>{r.content}</Typography.Paragraph>
          <Typography.Text type="secondary">
            {r.percent} % · {r.writtenByName ?? 'đơn vị'} cập nhật {formatDateTime(r.updatedAt)}
            {r.submittedAt && ` · gửi ${formatDateTime(r.submittedAt)}${r.submittedByName ? ` (${r.submittedByName})` : ''}`}
            {r.reviewedAt && ` · ${r.state === 'accepted' ? 'chấp nhận' : 'xem xét'} ${formatDateTime(r.reviewedAt)}`}
          </Typography.Text>
        </>
      ) : (
        <Typography.Text type="secondary">Đơn vị chưa báo cáo.</Typography.Text>
      )}
      {(o.evidence.length > 0 || (o.abilities.report && r)) && (
        <List
          size="small"
          header={<b>Minh chứng</b>}
          dataSource={o.evidence}
          locale={{ emptyText: 'Chưa có tệp minh chứng' }}
          renderItem={(e) => (
            <List.Item
              actions={
                o.abilities.report
                  ? [
                      <Popconfirm
                        key="rm"
                        title={`Gỡ tệp "${e.filename}" khỏi báo cáo?`}
                        description="Bản đã gửi trước đây vẫn giữ tệp này."
                        okText="Gỡ tệp"
                        cancelText="Không"
                        onConfirm={() => removeFile.mutate(e.id)}
                      >
                        <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={`Gỡ tệp ${e.filename}`} />
                      </Popconfirm>,
                    ]
                  : []
              }
            >
              <a href={urlFor('/api/evidence/{id}', { path: { id: e.id } })}>
                <PaperClipOutlined /> {e.filename}
              </a>{' '}
              <Typography.Text type="secondary">
                {formatNumber(Math.ceil(e.size / 1024))} KB · {formatDateTime(e.uploadedAt)} ·{' '}
                <Tooltip title={`Mã SHA-256 của nội dung tệp: ${e.sha256}. Tệp tải về có cùng mã này nếu chưa bị thay đổi.`}>
                  <Typography.Text type="secondary" copyable={{ text: e.sha256, tooltips: ['Sao chép mã SHA-256', 'Đã sao chép'] }}>
                    SHA-256 {e.sha256.slice(0, 12)}…
                  </Typography.Text>
                </Tooltip>
              </Typography.Text>
            </List.Item>
          )}
          footer={
            o.abilities.report &&
            r && (
              <Upload
                showUploadList={false}
                beforeUpload={(f) => {
                  upload.mutate(f);
                  return false;
                }}
              >
                <Button size="small" icon={<UploadOutlined />} loading={upload.isPending}>
                  Đính kèm minh chứng
                </Button>
              </Upload>
            )
          }
        />
      )}
      {o.reviews.length > 0 && (
        <Collapse
          size="small"
          style={{ marginTop: 12 }}
          items={[
            {
              key: 'h',
              label: `Các lần gửi đã thẩm định (${o.reviews.length})`,
              children: (
                <List
                  size="small"
                  dataSource={o.reviews}
                  renderItem={(v) => (
                    <List.Item>
                      <Space direction="vertical" size={2} style={{ width: '100%' }}>
                        <Space wrap>
                          <Tag color={v.decision === 'accepted' ? 'success' : 'error'}>
                            {v.decision === 'accepted' ? 'Chấp nhận' : 'Trả lại'}
                          </Tag>
                          <Typography.Text type="secondary">
                            gửi {v.submittedAt ? formatDateTime(v.submittedAt) : '—'}
                            {v.submittedByName ? ` (${v.submittedByName})` : ''} · thẩm định {formatDateTime(v.reviewedAt)}
                            {v.reviewedByName ? ` (${v.reviewedByName})` : ''} · {formatNumber(v.percent)} %
                          </Typography.Text>
                        </Space>
                        {v.reviewNote && <Typography.Text type="danger">Lý do: {v.reviewNote}</Typography.Text>}
                        <Typography.Paragraph style={{ whiteSpace: 'pre-line', margin: 0 }}>{v.content}</Typography.Paragraph>
                        {v.evidence.map((e) => (
                          <a key={e.id} href={urlFor('/api/evidence/{id}', { path: { id: e.id } })}>
                            <PaperClipOutlined /> {e.filename}
                          </a>
                        ))}
                      </Space>
                    </List.Item>
                  )}
                />
              ),
            },
          ]}
        />
      )}
      {o.abilities.review && (
        <Space direction="vertical" style={{ width: '100%', marginTop: 12 }}>
          {returning ? (
            <Space.Compact style={{ width: '100%' }}>
              <Input placeholder="Lý do trả lại (bắt buộc)" value={note} onChange={(e) => setNote(e.target.value)} />
              <Button danger disabled={!note.trim()} loading={review.isPending} onClick={() => review.mutate({ decision: 'return', note })}>
                Trả lại
              </Button>
            </Space.Compact>
          ) : (
            <Space>
              <Button
                type="primary"
                icon={<CheckOutlined />}
                loading={review.isPending}
                onClick={() => review.mutate({ decision: 'accept' })}
              >
                Chấp nhận
              </Button>
              <Button danger icon={<RollbackOutlined />} onClick={() => setReturning(true)}>
                Trả lại
              </Button>
            </Space>
          )}
        </Space>
      )}
    </Card>
  );
}

/** Sở Nội vụ corrects the task (text, lead and coordinating units, deadline) or removes it with a reason. */
function TaskActions({ t }: { t: TaskDetail }) {
  const [editing, setEditing] = useState(false);
  const [removing, setRemoving] = useState(false);
  const [reason, setReason] = useState('');
  const [form] = Form.useForm();
  const navigate = useNavigate();
  const act = useAct('task', () => setEditing(false));
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['tasks'] });
    void queryClient.invalidateQueries({ queryKey: ['directive'] });
  };
  return (
    <Space wrap>
      <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
        Sửa nhiệm vụ
      </Button>
      <Button danger icon={<DeleteOutlined />} onClick={() => setRemoving(true)}>
        Bỏ nhiệm vụ
      </Button>
      <Modal
        open={editing}
        title="Sửa nhiệm vụ"
        okText="Lưu"
        cancelText="Hủy"
        confirmLoading={act.isPending}
        onCancel={() => setEditing(false)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          initialValues={{
            label: t.label,
            content: t.content,
            leadUnitCode: t.leadUnitCode,
            coordinatingUnitCodes: t.coordinators.map((c) => c.code),
            dueDate: t.dueDate ? dayjs(t.dueDate) : null,
            expectedOutput: t.expectedOutput,
          }}
          onFinish={(v) => {
            act.mutate(async () => {
              await unwrap(
                api.PATCH('/api/tasks/{id}', {
                  params: { path: { id: t.id } },
                  body: {
                    label: v.label,
                    content: v.content,
                    leadUnitCode: v.leadUnitCode,
                    coordinatingUnitCodes: v.coordinatingUnitCodes ?? [],
                    expectedOutput: v.expectedOutput ?? null,
                    ...(t.dueDate && v.dueDate ? { dueDate: v.dueDate.format('YYYY-MM-DD') } : {}),
                  },
                }),
              );
              refresh();
            });
          }}
        >
          <TaskFields />
          {t.dueDate ? (
            <Form.Item name="dueDate" label="Thời hạn" rules={[{ required: true, message: 'Chọn thời hạn' }]}>
              <DatePicker format="DD/MM/YYYY" />
            </Form.Item>
          ) : (
            <Typography.Paragraph type="secondary">
              Thời hạn định kỳ: {RECURRENCE[t.recurrence ?? ''] ?? ''}, báo cáo trong {t.reportDays ?? 0} ngày làm việc sau kỳ.
            </Typography.Paragraph>
          )}
          <Form.Item name="expectedOutput" label="Sản phẩm">
            <Input />
          </Form.Item>
          <Typography.Text type="secondary">Các đơn vị chủ trì, phối hợp (cũ và mới) được thông báo về thay đổi.</Typography.Text>
        </Form>
      </Modal>
      <Modal
        open={removing}
        title="Bỏ nhiệm vụ"
        okText="Bỏ nhiệm vụ"
        okButtonProps={{ danger: true, disabled: reason.trim().length < 5 }}
        cancelText="Không"
        confirmLoading={act.isPending}
        onCancel={() => setRemoving(false)}
        onOk={() =>
          act.mutate(async () => {
            const r = await unwrap(api.POST('/api/tasks/{id}/remove', { params: { path: { id: t.id } }, body: { reason } }));
            setRemoving(false);
            refresh();
            if (r.deleted) navigate(`/directives/${t.directiveId}`);
          })
        }
      >
        <Typography.Paragraph>
          Nhiệm vụ đã có báo cáo sẽ được hủy (giữ lịch sử, không tính vào số liệu); nhiệm vụ chưa có báo cáo sẽ bị xóa.
        </Typography.Paragraph>
        <Input.TextArea
          aria-label="Lý do"
          placeholder="Lý do (bắt buộc, ít nhất 5 ký tự)"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      </Modal>
    </Space>
  );
}
