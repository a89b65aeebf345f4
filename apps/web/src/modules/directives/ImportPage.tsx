import { useEffect, useMemo, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Input,
  InputNumber,
  Row,
  Segmented,
  Select,
  Space,
  Steps,
  Table,
  Typography,
  Upload,
} from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useMutation, useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import type { Schemas } from '@cchc/api-client';
import { api, errorMessage, unwrap, upload, uploadForm } from '../../lib/api';
import { useProvinceUnits } from '../../lib/session';
import { formatDate, formatNumber } from '../../lib/format';
import { SectionsTable } from './SectionsTable';

export type Parsed = Schemas['ParsedDirective'];
export type TaskDraft = Parsed['sections'][number]['tasks'][number] & {
  dueDate?: string | null;
  indexLinks?: string[];
  expectedOutput?: string;
};
export type Section = Omit<Parsed['sections'][number], 'tasks'> & { key: number; tasks: TaskDraft[]; coordinators?: string[] };
export type Recurrence = 'monthly' | 'quarterly' | 'half_yearly' | 'yearly';

const GROUPS = [
  { value: 'group:departments', label: 'Nhóm: các sở, ban, ngành' },
  { value: 'group:communes', label: 'Nhóm: các xã, phường, đặc khu' },
  { value: 'group:all', label: 'Nhóm: tất cả sở, ngành và xã, phường' },
];

/** The value, once it has stopped changing for `ms`. */
function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const id = setTimeout(() => setV(value), ms);
    return () => clearTimeout(id);
  }, [value, ms]);
  return v;
}

export function ImportPage() {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [mode, setMode] = useState<'text' | 'file'>('text');
  const [text, setText] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [header, setHeader] = useState({ number: '', kind: 'chi_thi', date: dayjs().format('YYYY-MM-DD'), issuer: '', title: '' });
  const [sections, setSections] = useState<Section[] | null>(null);
  const [warnings, setWarnings] = useState<string[]>([]);
  const [deadline, setDeadline] = useState<{ type: 'date' | 'recurring'; dueDate?: string; recurrence?: Recurrence; reportDays?: number }>({
    type: 'date',
    dueDate: dayjs().add(1, 'month').format('YYYY-MM-DD'),
  });
  const units = useProvinceUnits();
  const schemes = useQuery({ queryKey: ['indices', 'schemes'], queryFn: () => unwrap(api.GET('/api/index-schemes')) });
  const linkOptions = useMemo(() => {
    const seen = new Set<string>();
    return (schemes.data ?? [])
      .flatMap((s) =>
        s.components
          .filter((c) => !c.parentCode)
          .map((c) => ({
            value: `${s.indexCode}:${c.code}`,
            label: `${s.indexCode === 'PAR_INDEX' ? 'PAR' : s.indexCode} ${c.code} – ${c.name}`,
          })),
      )
      .filter((o) => !seen.has(o.value) && seen.add(o.value));
  }, [schemes.data]);
  const unitOptions = [...GROUPS, ...(units.data ?? []).map((u) => ({ value: u.code, label: u.name }))];

  const parse = useMutation({
    mutationFn: async () => {
      if (mode === 'file' && file) {
        return upload('/api/directives/parse', uploadForm(file, file.name));
      }
      return unwrap(api.POST('/api/directives/parse', { body: { text } }));
    },
    onSuccess: (p) => {
      setHeader({
        number: p.number ?? '',
        kind: p.kind ?? 'chi_thi',
        date: p.date ?? dayjs().format('YYYY-MM-DD'),
        issuer: p.issuer ?? 'Chủ tịch Ủy ban nhân dân tỉnh',
        title: p.title ?? '',
      });
      setSections(
        p.sections.map((s, i) => ({
          ...s,
          key: i,
          tasks: s.tasks.map((t) => ({ ...t, indexLinks: t.suggestedLinks.map((l) => `${l.index}:${l.component}`) })),
        })),
      );
      setWarnings(p.warnings);
    },
    onError: (e) => message.error(errorMessage(e)),
  });

  const body = useMemo(
    () => ({
      ...header,
      kind: header.kind as 'chi_thi',
      sourceText: mode === 'text' ? text : null,
      deadline:
        deadline.type === 'date'
          ? { dueDate: deadline.dueDate ?? null }
          : {
              recurrence: deadline.recurrence ?? 'quarterly',
              reportDays: deadline.reportDays ?? 5,
              recurUntil: `${header.date.slice(0, 4)}-12-31`,
            },
      sections: (sections ?? []).map((s) => ({
        number: s.number,
        heading: s.heading,
        leadUnitCode: s.isGroup ? null : s.leadUnitCode,
        isGroup: s.isGroup,
        group: s.group,
        tasks: s.tasks.map((t) => ({
          label: t.label,
          text: t.text,
          ...(t.dueDate ? { dueDate: t.dueDate } : {}),
          expectedOutput: t.expectedOutput?.trim() || null,
          coordinatingUnitCodes: s.coordinators ?? [],
          indexLinks: (t.indexLinks ?? []).map((l) => ({ index: l.split(':')[0]!, component: l.split(':')[1]! })),
        })),
      })),
    }),
    [header, mode, text, deadline, sections],
  );
  // The preview follows the form (half a second after the last change): tasks per unit, problems, same-number directives.
  const debounced = useDebounced(body, 500);
  const preview = useQuery({
    queryKey: ['directives', 'preview', debounced],
    queryFn: () => unwrap(api.POST('/api/directives/preview', { body: { ...debounced, sourceText: null } })),
    enabled: !!sections,
    placeholderData: (prev) => prev,
  });

  const save = useMutation({
    mutationFn: async () => {
      const res = await unwrap(api.POST('/api/directives', { body }));
      if (file) {
        await upload('/api/directives/{id}/source', uploadForm(file, file.name), { id: res.id });
      }
      return res;
    },
    onSuccess: (r) => {
      message.success(`Đã lưu văn bản với ${r.tasks} nhiệm vụ`);
      navigate(`/directives/${r.id}`);
    },
  });

  // The same-number warning has its own box with links (below): not said twice.
  const shownWarnings = warnings.filter((w) => !((preview.data?.similar.length ?? 0) > 0 && w.startsWith('Đã có ')));
  const update = (key: number, patch: Partial<Section>) => setSections((ss) => ss!.map((s) => (s.key === key ? { ...s, ...patch } : s)));
  const unresolved = (sections ?? []).filter((s) => !s.isGroup && !s.leadUnitCode).length;

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Title level={3} className="page-title">
        Nhập văn bản chỉ đạo
      </Typography.Title>
      <Steps current={sections ? 1 : 0} items={[{ title: 'Dán văn bản hoặc tải tệp' }, { title: 'Rà soát và lưu' }]} />
      {!sections ? (
        <Card>
          <Segmented
            value={mode}
            onChange={(v) => setMode(v as 'text' | 'file')}
            options={[
              { value: 'text', label: 'Dán nội dung' },
              { value: 'file', label: 'Tải tệp DOCX' },
            ]}
            style={{ marginBottom: 12 }}
          />
          {mode === 'text' ? (
            <Input.TextArea
              aria-label="Nội dung văn bản"
              rows={14}
              value={text}
              onChange={(e) => setText(e.target.value)}
              placeholder="Dán toàn văn chỉ thị, kế hoạch, công văn (kể cả phần đầu: số, ngày, cơ quan ban hành)…"
            />
          ) : (
            <Upload.Dragger
              accept=".docx,.txt"
              maxCount={1}
              beforeUpload={(f) => {
                setFile(f);
                return false;
              }}
              onRemove={() => setFile(null)}
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p>Kéo thả tệp DOCX vào đây hoặc bấm để chọn</p>
            </Upload.Dragger>
          )}
          <Button
            type="primary"
            style={{ marginTop: 12 }}
            loading={parse.isPending}
            disabled={mode === 'text' ? !text.trim() : !file}
            onClick={() => parse.mutate()}
          >
            Phân tích văn bản
          </Button>
        </Card>
      ) : (
        <>
          <Card size="small" title="Thông tin văn bản">
            <Row gutter={[12, 12]}>
              <Col xs={24} md={6}>
                <Typography.Text type="secondary">Số, ký hiệu</Typography.Text>
                <Input aria-label="Số, ký hiệu" value={header.number} onChange={(e) => setHeader({ ...header, number: e.target.value })} />
              </Col>
              <Col xs={12} md={5}>
                <Typography.Text type="secondary">Loại</Typography.Text>
                <Select
                  style={{ width: '100%' }}
                  value={header.kind}
                  onChange={(k) => setHeader({ ...header, kind: k })}
                  options={[
                    { value: 'chi_thi', label: 'Chỉ thị' },
                    { value: 'ke_hoach', label: 'Kế hoạch' },
                    { value: 'quyet_dinh', label: 'Quyết định' },
                    { value: 'cong_van', label: 'Công văn' },
                  ]}
                />
              </Col>
              <Col xs={12} md={5}>
                <Typography.Text type="secondary">Ngày ban hành</Typography.Text>
                <DatePicker
                  style={{ width: '100%' }}
                  format="DD/MM/YYYY"
                  value={dayjs(header.date)}
                  allowClear={false}
                  onChange={(d) => d && setHeader({ ...header, date: d.format('YYYY-MM-DD') })}
                />
              </Col>
              <Col xs={24} md={8}>
                <Typography.Text type="secondary">Cơ quan, người ban hành</Typography.Text>
                <Input value={header.issuer} onChange={(e) => setHeader({ ...header, issuer: e.target.value })} />
              </Col>
              <Col span={24}>
                <Typography.Text type="secondary">Trích yếu</Typography.Text>
                <Input.TextArea autoSize value={header.title} onChange={(e) => setHeader({ ...header, title: e.target.value })} />
              </Col>
            </Row>
          </Card>
          <Card size="small" title="Thời hạn chung (cho nhiệm vụ chưa có hạn riêng)">
            <Space wrap>
              <Segmented
                value={deadline.type}
                onChange={(v) => setDeadline({ ...deadline, type: v as 'date' | 'recurring' })}
                options={[
                  { value: 'date', label: 'Một ngày cụ thể' },
                  { value: 'recurring', label: 'Định kỳ' },
                ]}
              />
              {deadline.type === 'date' ? (
                <DatePicker
                  format="DD/MM/YYYY"
                  value={deadline.dueDate ? dayjs(deadline.dueDate) : null}
                  onChange={(d) => setDeadline({ ...deadline, dueDate: d?.format('YYYY-MM-DD') })}
                />
              ) : (
                <>
                  <Select
                    value={deadline.recurrence ?? 'quarterly'}
                    style={{ width: 140 }}
                    onChange={(r) => setDeadline({ ...deadline, recurrence: r })}
                    options={[
                      { value: 'monthly', label: 'Hằng tháng' },
                      { value: 'quarterly', label: 'Hằng quý' },
                      { value: 'half_yearly', label: '6 tháng' },
                      { value: 'yearly', label: 'Hằng năm' },
                    ]}
                  />
                  <span>báo cáo trong</span>
                  <InputNumber
                    min={0}
                    max={60}
                    value={deadline.reportDays ?? 5}
                    onChange={(v) => setDeadline({ ...deadline, reportDays: v ?? 0 })}
                  />
                  <span>ngày làm việc sau kỳ</span>
                </>
              )}
            </Space>
          </Card>
          {shownWarnings.length > 0 && (
            <Alert
              type="warning"
              showIcon
              title="Cần kiểm tra"
              description={
                <ul style={{ margin: 0 }}>
                  {shownWarnings.map((w) => (
                    <li key={w}>{w}</li>
                  ))}
                </ul>
              }
            />
          )}
          {(preview.data?.similar.length ?? 0) > 0 && (
            <Alert
              type="warning"
              showIcon
              title={`Đã có ${preview.data!.similar.length} văn bản số ${header.number} của cùng cơ quan ban hành`}
              description={
                <>
                  <ul style={{ margin: 0 }}>
                    {preview.data!.similar.map((d) => (
                      <li key={d.id}>
                        <Link to={`/directives/${d.id}`} target="_blank">
                          {d.number}
                        </Link>{' '}
                        ban hành {formatDate(d.issuedOn)} · {formatNumber(d.tasks)} nhiệm vụ
                        {d.status === 'withdrawn' ? ' · đã thu hồi' : ''} — {d.title}
                      </li>
                    ))}
                  </ul>
                  Số văn bản bắt đầu lại mỗi năm: nếu đây là văn bản khác, cứ lưu; nếu là cùng văn bản, lưu lần nữa sẽ giao trùng nhiệm vụ.
                </>
              }
            />
          )}
          <SectionsTable
            sections={sections}
            setSections={setSections}
            update={update}
            unitChoices={(units.data ?? []).map((u) => ({ value: u.code, label: u.name }))}
            unitOptions={unitOptions}
            linkOptions={linkOptions}
          />
          {preview.data && (
            <Card
              size="small"
              title={`Sẽ giao ${formatNumber(preview.data.tasks)} nhiệm vụ cho ${formatNumber(preview.data.perUnit.filter((u) => u.lead).length)} đơn vị chủ trì`}
            >
              {preview.data.errors.length > 0 && (
                <Alert
                  type="error"
                  showIcon
                  style={{ marginBottom: 8 }}
                  title="Cần sửa trước khi lưu"
                  description={
                    <ul style={{ margin: 0 }}>
                      {preview.data.errors.map((e) => (
                        <li key={e}>{e}</li>
                      ))}
                    </ul>
                  }
                />
              )}
              <Table
                size="small"
                rowKey="unitCode"
                dataSource={preview.data.perUnit}
                pagination={{ pageSize: 10, showSizeChanger: false, hideOnSinglePage: true }}
                columns={[
                  { title: 'Đơn vị', dataIndex: 'unitName' },
                  { title: 'Chủ trì', dataIndex: 'lead', width: 90, render: (v: number) => formatNumber(v) },
                  { title: 'Phối hợp', dataIndex: 'coordinating', width: 90, render: (v: number) => formatNumber(v) },
                ]}
              />
            </Card>
          )}
          {save.isError && <Alert type="error" showIcon title="Chưa lưu được" description={errorMessage(save.error)} />}
          <Space>
            <Button onClick={() => setSections(null)}>Quay lại</Button>
            <Button type="primary" loading={save.isPending} onClick={() => save.mutate()}>
              {unresolved ? `Lưu (còn ${unresolved} mục chưa có đơn vị chủ trì)` : 'Lưu văn bản và giao nhiệm vụ'}
            </Button>
          </Space>
        </>
      )}
    </Space>
  );
}
