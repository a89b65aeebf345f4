/** One initiative: content, the workflow steps this user may take, the council's scoring, decision, award, adoption and effect. */
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import {
  Alert,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Form,
  Input,
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
import { formatDate, formatNumber, formatPercent } from '../../lib/format';
import { useProvinceUnits } from '../../lib/session';
import { STATUS_COLORS, useAct, type InitiativeDetail } from './common';
import { DecimalInput } from '../../components/DecimalInput';

export function InitiativePage() {
  const id = Number(useParams().id);
  const q = useQuery({
    queryKey: ['initiatives', 'one', id],
    queryFn: () => unwrap(api.GET('/api/initiatives/{id}', { params: { path: { id } } })),
  });
  if (q.isError) return <Alert type="error" showIcon message={errorMessage(q.error)} />;
  if (!q.data) return <Card loading />;
  const v = q.data;
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Link to="/initiatives">← Sáng kiến</Link>
      <Typography.Title level={3} className="page-title" style={{ marginBottom: 0 }}>
        {v.title}
      </Typography.Title>
      <Space wrap>
        <Typography.Text type="secondary">{v.code}</Typography.Text>
        <Tag color={STATUS_COLORS[v.status]}>{v.statusLabel}</Tag>
        {v.levelLabel && <Tag color="cyan">{v.levelLabel}</Tag>}
        {v.awardUsed && <Tag color="purple">Đã dùng xét khen thưởng: {v.awardNote}</Tag>}
        {v.status === 'recognised' && v.origin === 'own' && (
          <>
            <a href={urlFor('/api/initiatives/{id}/decision.docx', { path: { id } })}>Quyết định công nhận (DOCX)</a>
            <a href={urlFor('/api/initiatives/{id}/certificate.docx', { path: { id } })}>Giấy chứng nhận (DOCX)</a>
          </>
        )}
      </Space>
      {v.returnNote && v.status === 'returned' && <Alert type="warning" showIcon message={`Cần bổ sung: ${v.returnNote}`} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} md={14}>
          <Content v={v} />
        </Col>
        <Col xs={24} md={10}>
          <Space direction="vertical" size={16} style={{ width: '100%' }}>
            <Steps v={v} />
            <Council v={v} />
          </Space>
        </Col>
      </Row>
      {(v.status === 'recognised' || v.origin === 'external') && <Adoption v={v} />}
      {v.origin === 'own' && <Effect id={id} />}
      <Documents v={v} />
    </Space>
  );
}

function Content({ v }: { v: InitiativeDetail }) {
  const [editing, setEditing] = useState(false);
  const act = useAct(() => setEditing(false));
  if (editing)
    return (
      <Card size="small" title="Sửa sáng kiến">
        <Form
          layout="vertical"
          initialValues={{
            title: v.title,
            summary: v.summary,
            problem: v.problem ?? '',
            solution: v.solution ?? '',
            expectedEffect: v.expectedEffect ?? '',
            area: v.area ?? undefined,
          }}
          onFinish={(f: Record<string, string> & { startedOn?: Dayjs }) =>
            act.mutate(() =>
              unwrap(
                api.PATCH('/api/initiatives/{id}', {
                  params: { path: { id: v.id } },
                  body: {
                    ...f,
                    startedOn: f.startedOn ? f.startedOn.format('YYYY-MM-DD') : (v.startedOn ?? undefined),
                    version: v.version,
                  },
                }),
              ),
            )
          }
        >
          <Form.Item name="title" label="Tên sáng kiến" rules={[{ required: true, min: 5 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="summary" label="Tóm tắt" rules={[{ required: true, min: 10 }]}>
            <Input.TextArea autoSize={{ minRows: 2 }} />
          </Form.Item>
          <Form.Item name="problem" label="Thực trạng, vấn đề">
            <Input.TextArea autoSize={{ minRows: 2 }} />
          </Form.Item>
          <Form.Item name="solution" label="Giải pháp">
            <Input.TextArea autoSize={{ minRows: 2 }} />
          </Form.Item>
          <Row gutter={12}>
            <Col xs={12}>
              <Form.Item name="area" label="Lĩnh vực">
                <Select
                  options={[
                    { value: 'institutions', label: 'Cải cách thể chế' },
                    { value: 'procedures', label: 'Cải cách thủ tục hành chính' },
                    { value: 'organisation', label: 'Cải cách tổ chức bộ máy' },
                    { value: 'civilService', label: 'Cải cách chế độ công vụ' },
                    { value: 'finance', label: 'Cải cách tài chính công' },
                    { value: 'digital', label: 'Chính phủ điện tử, chính phủ số' },
                    { value: 'direction', label: 'Chỉ đạo, điều hành, tuyên truyền CCHC' },
                  ]}
                />
              </Form.Item>
            </Col>
            <Col xs={12}>
              <Form.Item name="startedOn" label={`Ngày áp dụng${v.startedOn ? ` (hiện: ${formatDate(v.startedOn)})` : ''}`}>
                <DatePicker format="DD/MM/YYYY" placeholder="Chọn ngày" style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="expectedEffect" label="Hiệu quả dự kiến">
            <Input.TextArea autoSize={{ minRows: 2 }} />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" loading={act.isPending}>
              Lưu
            </Button>
            <Button onClick={() => setEditing(false)}>Đóng</Button>
          </Space>
        </Form>
      </Card>
    );
  return (
    <Card size="small" title="Nội dung" extra={v.abilities.edit && <Button onClick={() => setEditing(true)}>Sửa</Button>}>
      <Descriptions size="small" column={1}>
        <Descriptions.Item label="Đơn vị">{v.unitName ?? `${v.externalUnit ?? ''}, ${v.externalProvince ?? ''}`}</Descriptions.Item>
        <Descriptions.Item label="Năm">{v.year}</Descriptions.Item>
        <Descriptions.Item label="Lĩnh vực">{v.areaLabel ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="Tóm tắt">{v.summary}</Descriptions.Item>
        <Descriptions.Item label="Thực trạng">{v.problem ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="Giải pháp">{v.solution ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="Áp dụng từ">{formatDate(v.startedOn)}</Descriptions.Item>
        <Descriptions.Item label="Kinh phí">{v.cost === null ? '—' : `${formatNumber(v.cost, 0)} đồng`}</Descriptions.Item>
        <Descriptions.Item label="Hiệu quả dự kiến">{v.expectedEffect ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="Chỉ số hướng tới">{v.indexComponents.join(', ') || '—'}</Descriptions.Item>
        {v.decisionNumber && (
          <Descriptions.Item label="Quyết định">
            {v.decisionNumber} ngày {formatDate(v.decidedOn)}
          </Descriptions.Item>
        )}
      </Descriptions>
    </Card>
  );
}

function Steps({ v }: { v: InitiativeDetail }) {
  const act = useAct();
  const [note, setNote] = useState('');
  const [decision, setDecision] = useState<{ recognised: boolean; level: 'unit' | 'province'; number: string; date: Dayjs | null }>({
    recognised: true,
    level: v.council.suggested === 'province' ? 'province' : 'unit',
    number: '',
    date: null,
  });
  const step = (action: 'submit' | 'accept' | 'return') =>
    act.mutate(() =>
      unwrap(
        action === 'submit'
          ? api.POST('/api/initiatives/{id}/submit', { params: { path: { id: v.id } }, body: {} })
          : action === 'accept'
            ? api.POST('/api/initiatives/{id}/accept', { params: { path: { id: v.id } }, body: {} })
            : api.POST('/api/initiatives/{id}/return', { params: { path: { id: v.id } }, body: { note } }),
      ),
    );
  const a = v.abilities;
  if (!a.submit && !a.accept && !a.return && !a.decide && !a.award) return null;
  return (
    <Card size="small" title="Xử lý">
      <Space direction="vertical" style={{ width: '100%' }}>
        {a.submit && (
          <Button type="primary" loading={act.isPending} onClick={() => step('submit')}>
            Gửi Sở Nội vụ
          </Button>
        )}
        {a.accept && (
          <Button type="primary" loading={act.isPending} onClick={() => step('accept')}>
            Hồ sơ đầy đủ, chuyển Hội đồng
          </Button>
        )}
        {a.return && (
          <Space.Compact style={{ width: '100%' }}>
            <Input
              aria-label="Nội dung cần bổ sung"
              placeholder="Nội dung cần bổ sung"
              value={note}
              onChange={(e) => setNote(e.target.value)}
            />
            <Button danger disabled={note.trim().length < 5} onClick={() => step('return')}>
              Trả lại
            </Button>
          </Space.Compact>
        )}
        {a.decide && (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Typography.Text strong>Quyết định của Hội đồng</Typography.Text>
            <Radio.Group
              value={decision.recognised ? decision.level : 'none'}
              onChange={(e) =>
                setDecision({
                  ...decision,
                  recognised: e.target.value !== 'none',
                  level: e.target.value === 'province' ? 'province' : 'unit',
                })
              }
              options={[
                { value: 'province', label: 'Công nhận cấp tỉnh' },
                { value: 'unit', label: 'Công nhận cấp cơ sở' },
                { value: 'none', label: 'Không công nhận' },
              ]}
            />
            <Space wrap>
              <Input
                aria-label="Số quyết định"
                placeholder="Số quyết định, ví dụ 15/QĐ-UBND"
                value={decision.number}
                onChange={(e) => setDecision({ ...decision, number: e.target.value })}
                style={{ width: 220 }}
              />
              <DatePicker
                aria-label="Ngày quyết định"
                format="DD/MM/YYYY"
                value={decision.date}
                onChange={(d) => setDecision({ ...decision, date: d })}
              />
              <Button
                type="primary"
                disabled={!decision.number.trim() || !decision.date}
                onClick={() =>
                  act.mutate(() =>
                    unwrap(
                      api.POST('/api/initiatives/{id}/decision', {
                        params: { path: { id: v.id } },
                        body: {
                          recognised: decision.recognised,
                          level: decision.recognised ? decision.level : undefined,
                          decisionNumber: decision.number,
                          decidedOn: decision.date!.format('YYYY-MM-DD'),
                        },
                      }),
                    ),
                  )
                }
              >
                Ghi quyết định
              </Button>
            </Space>
          </Space>
        )}
        {a.award && <Award id={v.id} />}
      </Space>
    </Card>
  );
}

function Award({ id }: { id: number }) {
  const [note, setNote] = useState('');
  const act = useAct();
  return (
    <Space.Compact style={{ width: '100%' }}>
      <Input
        aria-label="Danh hiệu, khen thưởng"
        placeholder="Dùng xét danh hiệu, khen thưởng nào"
        value={note}
        onChange={(e) => setNote(e.target.value)}
      />
      <Button
        disabled={note.trim().length < 5}
        onClick={() => act.mutate(() => unwrap(api.POST('/api/initiatives/{id}/award', { params: { path: { id } }, body: { note } })))}
      >
        Ghi đã dùng khen thưởng
      </Button>
    </Space.Compact>
  );
}

function Council({ v }: { v: InitiativeDetail }) {
  const [points, setPoints] = useState<Record<string, number | null>>(v.myScores);
  const act = useAct();
  if (v.origin === 'external') return null;
  const c = v.council;
  return (
    <Card size="small" title="Hội đồng sáng kiến">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Text>
          {c.total === null
            ? 'Chưa có thành viên nào chấm đủ các tiêu chí.'
            : `Điểm bình quân ${formatNumber(c.total)}/${formatNumber(c.max)} (${formatPercent((c.total / c.max) * 100)}), ${formatNumber(c.members)} thành viên chấm — đủ điều kiện: ${c.suggested === 'province' ? 'cấp tỉnh' : c.suggested === 'unit' ? 'cấp cơ sở' : 'không công nhận'}.`}
        </Typography.Text>
        {v.memberScores.length > 0 && (
          <Table
            size="small"
            rowKey="memberId"
            pagination={false}
            dataSource={v.memberScores}
            columns={[
              { title: 'Thành viên', dataIndex: 'name' },
              ...v.criteria.map((k) => ({
                title: k.name,
                width: 90,
                render: (_: unknown, m: { points: Record<string, number> }) => formatNumber(m.points[k.code] ?? 0),
              })),
              { title: 'Tổng', dataIndex: 'total', width: 70, render: (n: number) => formatNumber(n) },
            ]}
            scroll={{ x: 500 }}
          />
        )}
        {v.abilities.score && (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Typography.Text strong>Điểm của tôi</Typography.Text>
            {v.criteria.map((k) => (
              <Space key={k.code} style={{ justifyContent: 'space-between', width: '100%' }}>
                <span>
                  {k.name} (tối đa {k.maxPoints})
                </span>
                <DecimalInput
                  aria-label={k.name}
                  min={0}
                  max={k.maxPoints}
                  step={0.5}

                  value={points[k.code] ?? null}
                  onChange={(n) => setPoints({ ...points, [k.code]: n })}
                />
              </Space>
            ))}
            <Button
              type="primary"
              disabled={v.criteria.some((k) => points[k.code] === null || points[k.code] === undefined)}
              loading={act.isPending}
              onClick={() =>
                act.mutate(() =>
                  unwrap(
                    api.PUT('/api/initiatives/{id}/scores', {
                      params: { path: { id: v.id } },
                      body: v.criteria.map((k) => ({ criterion: k.code, points: points[k.code]! })),
                    }),
                  ),
                )
              }
            >
              Lưu điểm
            </Button>
          </Space>
        )}
      </Space>
    </Card>
  );
}

function Adoption({ v }: { v: InitiativeDetail }) {
  const units = useProvinceUnits();
  const [unit, setUnit] = useState<string | undefined>();
  const [date, setDate] = useState<Dayjs | null>(null);
  const act = useAct();
  return (
    <Card size="small" title={`Đơn vị áp dụng, nhân rộng (${formatNumber(v.adopters.length)})`}>
      <Table
        size="small"
        rowKey="unitCode"
        pagination={false}
        dataSource={v.adopters}
        locale={{ emptyText: 'Chưa có đơn vị nào ghi nhận áp dụng.' }}
        columns={[
          { title: 'Đơn vị', dataIndex: 'unitName' },
          { title: 'Áp dụng từ', dataIndex: 'adoptedOn', width: 120, render: (d: string) => formatDate(d) },
        ]}
      />
      {v.abilities.adopt && (
        <Space wrap style={{ marginTop: 8 }}>
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder="Đơn vị (mặc định: đơn vị của tôi)"
            style={{ width: 280 }}
            value={unit}
            onChange={setUnit}
            options={(units.data ?? []).map((u) => ({ value: u.code, label: u.name }))}
          />
          <DatePicker aria-label="Ngày áp dụng" format="DD/MM/YYYY" placeholder="Chọn ngày" value={date} onChange={setDate} />
          <Button
            disabled={!date}
            onClick={() =>
              act.mutate(() =>
                unwrap(
                  api.POST('/api/initiatives/{id}/adoptions', {
                    params: { path: { id: v.id } },
                    body: { unitCode: unit, adoptedOn: date!.format('YYYY-MM-DD') },
                  }),
                ),
              )
            }
          >
            Ghi nhận áp dụng
          </Button>
        </Space>
      )}
    </Card>
  );
}

function Effect({ id }: { id: number }) {
  const q = useQuery({
    queryKey: ['initiatives', 'effect', id],
    queryFn: () => unwrap(api.GET('/api/initiatives/{id}/effect', { params: { path: { id } } })),
  });
  const rows = (q.data?.units ?? []).flatMap((u) =>
    u.figures.map((f) => ({
      ...f,
      measurable: u.measurable,
      rowKey: `${u.unitCode}:${f.key}`,
      unit: `${u.unitName}${u.role === 'adopter' ? ' (nhân rộng)' : ''}`,
    })),
  );
  return (
    <Card size="small" title="Hiệu quả: một năm trước và sau ngày áp dụng">
      <Table
        size="small"
        rowKey="rowKey"
        loading={q.isPending}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 700 }}
        locale={{ emptyText: 'Chưa có ngày áp dụng, hoặc chưa có số liệu.' }}
        columns={[
          { title: 'Đơn vị', dataIndex: 'unit' },
          { title: 'Chỉ tiêu', dataIndex: 'label' },
          { title: 'Trước', dataIndex: 'before', width: 90, render: (n: number | null) => formatPercent(n) },
          {
            title: 'Sau',
            dataIndex: 'after',
            width: 130,
            render: (n: number | null, r) => (r.measurable ? formatPercent(n) : 'Chưa đủ 30 ngày áp dụng'),
          },
          {
            title: 'Thay đổi',
            dataIndex: 'change',
            width: 110,
            render: (n: number | null) =>
              n === null ? (
                '—'
              ) : (
                <Tag color={n > 0 ? 'green' : n < 0 ? 'red' : 'default'}>{`${n > 0 ? '+' : ''}${formatNumber(n)} điểm %`}</Tag>
              ),
          },
        ]}
      />
    </Card>
  );
}

function Documents({ v }: { v: InitiativeDetail }) {
  const act = useAct();
  if (!v.documents.length && !v.abilities.edit) return null;
  return (
    <Card size="small" title="Tài liệu">
      <Space direction="vertical">
        {v.documents.map((d) => (
          <Space key={d.id}>
            <a href={urlFor('/api/initiatives/{id}/documents/{fileId}', { path: { id: v.id, fileId: d.id } })}>{d.filename}</a>
            {v.abilities.edit && (
              <Button
                size="small"
                danger
                onClick={() =>
                  act.mutate(() =>
                    unwrap(api.DELETE('/api/initiatives/{id}/documents/{fileId}', { params: { path: { id: v.id, fileId: d.id } } })),
                  )
                }
              >
                Gỡ
              </Button>
            )}
          </Space>
        ))}
        {v.abilities.edit && (
          <Upload
            showUploadList={false}
            beforeUpload={(file) => {
              act.mutate(() => upload('/api/initiatives/{id}/documents', uploadForm(file, file.name), { id: v.id }));
              return false;
            }}
          >
            <Button>Đính kèm tài liệu</Button>
          </Upload>
        )}
      </Space>
    </Card>
  );
}
