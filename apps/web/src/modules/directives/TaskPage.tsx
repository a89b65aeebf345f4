import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  InputNumber,
  List,
  Result,
  Space,
  Tag,
  Tooltip,
  Typography,
  Upload,
} from 'antd';
import { CheckOutlined, PaperClipOutlined, RollbackOutlined, SendOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { api, ApiError, errorMessage, queryClient, unwrap, upload as sendFile, uploadForm, urlFor } from '../../lib/api';
import { formatDate, formatDateTime, formatNumber } from '../../lib/format';
import { RECURRENCE, REPORT_STATE, StatusTag, type TaskDetail } from './common';

type Obligation = TaskDetail['obligations'][number];

export function TaskPage() {
  const id = Number(useParams().id);
  const q = useQuery({ queryKey: ['task', id], queryFn: () => unwrap(api.GET('/api/tasks/{id}', { params: { path: { id } } })) });
  if (q.isError)
    return <Result status={q.error instanceof ApiError && q.error.status === 404 ? '404' : 'error'} title={errorMessage(q.error)} />;
  const t = q.data;
  if (!t) return <Card loading />;
  const open = t.obligations.filter((o) => o.status !== 'done_on_time' && o.status !== 'done_late');
  const shown = t.recurrence ? [...open.slice(0, 2), ...t.obligations.filter((o) => !open.includes(o)).reverse()] : t.obligations;
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card>
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
            <List.Item>
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
