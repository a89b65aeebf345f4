/** One case: what was sent, the clock, the history, the photos, and the steps this user may take (from `abilities`). */
import { useState } from 'react';
import type { Dayjs } from 'dayjs';
import { Link, useParams } from 'react-router-dom';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Descriptions,
  Image,
  Input,
  InputNumber,
  Row,
  Select,
  Space,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api, errorMessage, unwrap, urlFor } from '../../lib/api';
import { formatDate, formatDateTime } from '../../lib/format';
import { useProvinceUnits } from '../../lib/session';
import { useAct as useActOn } from '../../lib/use-act';
import { STATUS_COLORS, TIMELINESS_COLORS, type CaseDetail } from './common';

const EVENT_LABELS: Record<string, string> = {
  received: 'Tiếp nhận',
  intake_note: 'Ghi chú tiếp nhận',
  assigned: 'Giao xử lý',
  transferred: 'Chuyển đơn vị',
  drafted: 'Dự thảo trả lời',
  approved: 'Thủ trưởng duyệt trả lời',
  returned: 'Trả lại để xử lý lại',
  published: 'Công khai trả lời',
  rejected: 'Không tiếp nhận',
  redirected: 'Chuyển cơ quan có thẩm quyền',
  extended: 'Gia hạn',
  hidden: 'Ẩn khỏi trang công khai',
  shown: 'Hiện lại trên trang công khai',
  rated: 'Người gửi đánh giá',
  task: 'Giao nhiệm vụ khắc phục',
};

export function CasePage() {
  const id = Number(useParams().id);
  const q = useQuery({
    queryKey: ['feedback', 'case', id],
    queryFn: () => unwrap(api.GET('/api/feedback/{id}', { params: { path: { id } } })),
  });
  if (q.isError) return <Alert type="error" showIcon message={errorMessage(q.error)} />;
  if (!q.data) return <Card loading />;
  const c = q.data;
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Space wrap>
        <Link to="/feedback">← Danh sách phản ánh</Link>
      </Space>
      <Typography.Title level={3} className="page-title" style={{ marginBottom: 0 }}>
        {c.code} {c.title ? `· ${c.title}` : ''}
      </Typography.Title>
      <Space wrap>
        <Tag color={STATUS_COLORS[c.status]}>{c.statusLabel}</Tag>
        <Tag color={TIMELINESS_COLORS[c.timeliness]}>
          {c.daysLeft !== null
            ? c.daysLeft < 0
              ? `Quá hạn ${-c.daysLeft} ngày làm việc`
              : `Còn ${c.daysLeft} ngày làm việc`
            : c.timelinessLabel}
        </Tag>
        {c.repeatOfCode && <Tag color="magenta">Phản ánh lặp lại của {c.repeatOfCode}</Tag>}
        {c.hidden && <Tag>Đã ẩn khỏi trang công khai</Tag>}
      </Space>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Space direction="vertical" size={16} style={{ width: '100%' }}>
            <Card size="small" title="Nội dung">
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{c.content}</Typography.Paragraph>
              <Descriptions size="small" column={{ xs: 1, md: 2 }}>
                <Descriptions.Item label="Lĩnh vực">{c.categoryName}</Descriptions.Item>
                <Descriptions.Item label="Loại">{c.kindLabel}</Descriptions.Item>
                <Descriptions.Item label="Kênh">{c.channelLabel}</Descriptions.Item>
                <Descriptions.Item label="Địa điểm">{c.place ?? '—'}</Descriptions.Item>
                <Descriptions.Item label="Tiếp nhận">{formatDateTime(c.receivedAt)}</Descriptions.Item>
                <Descriptions.Item label="Tính hạn từ">{formatDate(c.countedFrom)}</Descriptions.Item>
                <Descriptions.Item label="Hạn trả lời">
                  {formatDate(c.dueDate)}
                  {c.extendedDays ? ` (đã gia hạn ${c.extendedDays} ngày: ${c.extensionReason})` : ''}
                </Descriptions.Item>
                <Descriptions.Item label="Đơn vị chủ trì">
                  {c.unit?.name ?? 'Chưa giao'}
                  {c.transfers ? ` (đã chuyển ${c.transfers} lần)` : ''}
                </Descriptions.Item>
                {c.task && (
                  <Descriptions.Item label="Nhiệm vụ khắc phục">
                    <Link to={c.task.link}>Nhiệm vụ số {c.task.id}</Link> — {c.task.statusLabel}
                  </Descriptions.Item>
                )}
                {c.coordinators.length > 0 && (
                  <Descriptions.Item label="Phối hợp">{c.coordinators.map((u) => u.name).join(', ')}</Descriptions.Item>
                )}
              </Descriptions>
            </Card>
            {c.sender ? (
              <Card size="small" title="Người gửi (chỉ bộ phận tiếp nhận thấy)">
                <Descriptions size="small" column={{ xs: 1, md: 2 }}>
                  <Descriptions.Item label="Họ tên">{c.sender.name}</Descriptions.Item>
                  <Descriptions.Item label="Điện thoại">{c.sender.phone ?? '—'}</Descriptions.Item>
                  <Descriptions.Item label="Thư điện tử">{c.sender.email ?? '—'}</Descriptions.Item>
                  <Descriptions.Item label="Địa chỉ">{c.sender.address ?? '—'}</Descriptions.Item>
                  <Descriptions.Item label="Đồng ý công khai nội dung">{c.sender.consent ? 'Có' : 'Không'}</Descriptions.Item>
                  {c.letter && (
                    <Descriptions.Item label="Thư, đơn">
                      <a href={urlFor('/api/feedback/{id}/letter', { path: { id: c.id } })}>{c.letter.filename}</a>
                    </Descriptions.Item>
                  )}
                </Descriptions>
              </Card>
            ) : (
              <Typography.Text type="secondary">Thông tin người gửi chỉ bộ phận tiếp nhận được xem.</Typography.Text>
            )}
            {c.photos.length > 0 && <Photos c={c} />}
            {(c.answer || c.draftAnswer || c.rejectReason) && (
              <Card size="small" title={c.rejectReason ? 'Lý do' : c.answer ? 'Trả lời' : 'Dự thảo trả lời'}>
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>
                  {c.rejectReason ?? c.answer ?? c.draftAnswer}
                </Typography.Paragraph>
                {c.ratingStars !== null && (
                  <Typography.Text>
                    Người gửi đánh giá {c.ratingStars}/5 sao{c.ratingSolved === false ? ', vấn đề chưa được giải quyết' : ''}.
                  </Typography.Text>
                )}
                {c.repeats.length > 0 && (
                  <Typography.Paragraph type="danger">Phản ánh lặp lại: {c.repeats.join(', ')}</Typography.Paragraph>
                )}
              </Card>
            )}
          </Space>
        </Col>
        <Col xs={24} lg={10}>
          <Space direction="vertical" size={16} style={{ width: '100%' }}>
            <Actions c={c} />
            <Card size="small" title="Diễn biến">
              <Timeline
                items={c.events.map((e) => ({
                  color: e.isPublic ? 'blue' : 'gray',
                  children: (
                    <>
                      <Typography.Text strong>{EVENT_LABELS[e.kind] ?? e.kind}</Typography.Text>{' '}
                      <Typography.Text type="secondary">
                        {formatDateTime(e.at)}
                        {e.userName ? ` · ${e.userName}` : ''}
                        {e.isPublic ? '' : ' · nội bộ'}
                      </Typography.Text>
                      {e.note && <div>{e.note}</div>}
                    </>
                  ),
                }))}
              />
            </Card>
          </Space>
        </Col>
      </Row>
    </Space>
  );
}

/** Runs one step on the case, then refreshes every feedback query (the list, the figures, this case). */
const useAct = () => useActOn('feedback');

function Photos({ c }: { c: CaseDetail }) {
  const act = useAct();
  return (
    <Card size="small" title="Ảnh (đã xoá thông tin vị trí, máy ảnh)">
      <Space wrap align="start">
        {c.photos.map((p) => (
          <Space key={p.id} direction="vertical" size={4}>
            <Image
              width={140}
              src={urlFor('/api/feedback/{id}/photos/{photoId}', { path: { id: c.id, photoId: p.id } })}
              alt={`Ảnh ${p.id}`}
            />
            {c.abilities.photos ? (
              <Checkbox
                checked={p.isPublic}
                onChange={(e) =>
                  act.mutate(() =>
                    unwrap(
                      api.PUT('/api/feedback/{id}/photos/{photoId}', {
                        params: { path: { id: c.id, photoId: p.id } },
                        body: { isPublic: e.target.checked },
                      }),
                    ),
                  )
                }
              >
                Công khai (không lộ mặt, biển số)
              </Checkbox>
            ) : (
              p.isPublic && <Tag>Công khai</Tag>
            )}
          </Space>
        ))}
      </Space>
    </Card>
  );
}

function Actions({ c }: { c: CaseDetail }) {
  const a = c.abilities;
  const act = useAct();
  const units = useProvinceUnits();
  const [unitCode, setUnitCode] = useState<string | undefined>(c.unit?.code);
  const [coordinators, setCoordinators] = useState<string[]>(c.coordinators.map((u) => u.code));
  const [text, setText] = useState(c.draftAnswer ?? '');
  const [note, setNote] = useState('');
  const [days, setDays] = useState<number | null>(5);
  const [taskText, setTaskText] = useState('');
  const [taskDue, setTaskDue] = useState<Dayjs | null>(null);
  const path = { params: { path: { id: c.id } } };
  const unitOptions = (units.data ?? []).map((u) => ({ value: u.code, label: u.name }));
  if (!Object.entries(a).some(([k, v]) => v && k !== 'viewSender')) return null;
  return (
    <Card size="small" title="Xử lý">
      <Space direction="vertical" size={12} style={{ width: '100%' }}>
        {c.returnNote && (a.draft || a.approve) && <Alert type="warning" showIcon message={`Bộ phận tiếp nhận trả lại: ${c.returnNote}`} />}
        {a.assign && (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Typography.Text strong>{c.unit ? 'Chuyển đơn vị chủ trì' : 'Giao đơn vị chủ trì'}</Typography.Text>
            <Select
              showSearch
              optionFilterProp="label"
              style={{ width: '100%' }}
              placeholder="Đơn vị chủ trì"
              value={unitCode}
              onChange={setUnitCode}
              options={unitOptions}
              aria-label="Đơn vị chủ trì"
            />
            <Select
              mode="multiple"
              showSearch
              optionFilterProp="label"
              style={{ width: '100%' }}
              placeholder="Đơn vị phối hợp (nếu có)"
              value={coordinators}
              onChange={setCoordinators}
              options={unitOptions}
            />
            <Button
              type="primary"
              disabled={!unitCode}
              loading={act.isPending}
              onClick={() =>
                act.mutate(() => unwrap(api.POST('/api/feedback/{id}/assign', { ...path, body: { unitCode: unitCode!, coordinators } })))
              }
            >
              {c.unit ? 'Chuyển đơn vị' : 'Giao xử lý'}
            </Button>
          </Space>
        )}
        {(a.draft || a.approve) && (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Typography.Text strong>Trả lời người gửi</Typography.Text>
            <Input.TextArea
              rows={6}
              value={text}
              onChange={(e) => setText(e.target.value)}
              placeholder="Kết quả xử lý, trả lời người gửi…"
              aria-label="Nội dung trả lời"
            />
            <Space wrap>
              {a.draft && (
                <Button
                  loading={act.isPending}
                  onClick={() => act.mutate(() => unwrap(api.POST('/api/feedback/{id}/answer', { ...path, body: { text } })))}
                >
                  Lưu dự thảo, trình thủ trưởng
                </Button>
              )}
              {a.approve && (
                <Button
                  type="primary"
                  loading={act.isPending}
                  onClick={() => act.mutate(() => unwrap(api.POST('/api/feedback/{id}/answer', { ...path, body: { text } })))}
                >
                  Duyệt trả lời
                </Button>
              )}
            </Space>
          </Space>
        )}
        {(a.publish || a.return) && (
          <Space wrap>
            {a.publish && (
              <Button
                type="primary"
                loading={act.isPending}
                onClick={() => act.mutate(() => unwrap(api.POST('/api/feedback/{id}/publish', path)))}
              >
                Công khai trả lời
              </Button>
            )}
          </Space>
        )}
        {a.task && !c.task && (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Typography.Text strong>Giao nhiệm vụ khắc phục (người dân nói, chính quyền làm)</Typography.Text>
            <Input.TextArea
              rows={2}
              value={taskText}
              onChange={(e) => setTaskText(e.target.value)}
              placeholder="Việc đơn vị phải làm để khắc phục"
              aria-label="Nội dung nhiệm vụ"
            />
            <Space wrap>
              <DatePicker
                format="DD/MM/YYYY"
                value={taskDue}
                onChange={setTaskDue}
                placeholder="Hạn hoàn thành"
                aria-label="Hạn nhiệm vụ"
              />
              <Button
                disabled={!taskDue || taskText.trim().length < 10}
                onClick={() =>
                  act.mutate(() =>
                    unwrap(
                      api.POST('/api/feedback/{id}/task', {
                        ...path,
                        body: { content: taskText, dueDate: taskDue!.format('YYYY-MM-DD'), unitCode: c.unit?.code },
                      }),
                    ),
                  )
                }
              >
                Giao nhiệm vụ
              </Button>
            </Space>
          </Space>
        )}
        {(a.reject || a.redirect || a.return || a.hide || a.extend) && (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Input.TextArea
              rows={2}
              value={note}
              onChange={(e) => setNote(e.target.value)}
              placeholder="Lý do (từ chối, chuyển, trả lại, gia hạn, ẩn)"
              aria-label="Lý do"
            />
            <Space wrap>
              {a.return && (
                <Button danger onClick={() => act.mutate(() => unwrap(api.POST('/api/feedback/{id}/return', { ...path, body: { note } })))}>
                  Trả lại đơn vị
                </Button>
              )}
              {a.reject && (
                <Button
                  danger
                  onClick={() => act.mutate(() => unwrap(api.POST('/api/feedback/{id}/reject', { ...path, body: { reason: note } })))}
                >
                  Không tiếp nhận
                </Button>
              )}
              {a.redirect && (
                <Button
                  onClick={() =>
                    act.mutate(() => unwrap(api.POST('/api/feedback/{id}/redirect', { ...path, body: { note, complaint: true } })))
                  }
                >
                  Là khiếu nại, tố cáo: chuyển cơ quan có thẩm quyền
                </Button>
              )}
              {a.extend && (
                <Space.Compact>
                  <InputNumber min={1} max={15} value={days} onChange={setDays} addonAfter="ngày" aria-label="Số ngày gia hạn" />
                  <Button
                    onClick={() =>
                      act.mutate(() => unwrap(api.POST('/api/feedback/{id}/extend', { ...path, body: { days: days ?? 1, reason: note } })))
                    }
                  >
                    Gia hạn (một lần)
                  </Button>
                </Space.Compact>
              )}
              {a.hide && (
                <Button
                  onClick={() =>
                    act.mutate(() => unwrap(api.POST('/api/feedback/{id}/hide', { ...path, body: { hidden: !c.hidden, reason: note } })))
                  }
                >
                  {c.hidden ? 'Hiện lại trên trang công khai' : 'Ẩn khỏi trang công khai'}
                </Button>
              )}
            </Space>
          </Space>
        )}
      </Space>
    </Card>
  );
}
