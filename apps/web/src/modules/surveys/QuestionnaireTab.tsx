/**
 * The questionnaire builder: sections and questions (type, text, options, matrix rows, required, aspect,
 * skip logic). While the survey is a draft it is edited in place; once published the questions are frozen
 * and saving makes a new version (answers already given keep theirs).
 */
import { useEffect, useState } from 'react';
import { Alert, Button, Card, Checkbox, Form, Input, InputNumber, List, Modal, Select, Space, Tag, Typography } from 'antd';
import { api, unwrap } from '../../lib/api';
import { formatDateTime, formatNumber } from '../../lib/format';
import { ASPECT_OPTIONS, TYPE_OPTIONS, useAct, type Definition, type Question, type SurveyDetail } from './common';

const typeLabel = (t: string) => TYPE_OPTIONS.find((o) => o.value === t)?.label ?? t;
const lines = (s: string | undefined) =>
  (s ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

export function QuestionnaireTab({ survey }: { survey: SurveyDetail }) {
  const [def, setDef] = useState<Definition>(survey.definition);
  const [dirty, setDirty] = useState(false);
  const [editing, setEditing] = useState<{ section: number; index: number | null } | null>(null);
  useEffect(() => {
    setDef(survey.definition);
    setDirty(false);
  }, [survey.definition]);
  const act = useAct(() => setDirty(false));
  const editable = survey.can.edit;
  const change = (d: Definition) => {
    setDef(d);
    setDirty(true);
  };
  const all = def.sections.flatMap((s) => s.questions);
  const move = (si: number, qi: number, by: number) => {
    const sections = def.sections.map((s) => ({ ...s, questions: [...s.questions] }));
    const qs = sections[si]!.questions;
    const [q] = qs.splice(qi, 1);
    qs.splice(Math.max(0, Math.min(qs.length, qi + by)), 0, q!);
    change({ ...def, sections });
  };
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      {survey.status !== 'draft' && editable && (
        <Alert
          type="info"
          showIcon
          message={`Khảo sát đã mở: câu hỏi của phiên bản ${survey.version} được giữ nguyên; lưu thay đổi sẽ tạo phiên bản ${survey.version + 1}.`}
        />
      )}
      <Space wrap>
        <Typography.Text>
          {formatNumber(all.length)} câu hỏi, {formatNumber(all.filter((q) => q.type === 'scale5').length)} câu thang 5 mức.
        </Typography.Text>
        {survey.versions.map((v) => (
          <Tag key={v.version}>
            Phiên bản {v.version} ({formatDateTime(v.createdAt)}): {formatNumber(v.responses)} phiếu
          </Tag>
        ))}
      </Space>
      {editable && (
        <Card size="small">
          <Form layout="vertical">
            <Form.Item label="Tiêu đề phiếu">
              <Input value={def.title} onChange={(e) => change({ ...def, title: e.target.value })} maxLength={500} />
            </Form.Item>
            <Form.Item label="Lời giới thiệu">
              <Input.TextArea rows={2} value={def.intro} onChange={(e) => change({ ...def, intro: e.target.value })} maxLength={4000} />
            </Form.Item>
          </Form>
          <Space>
            <Button
              type="primary"
              disabled={!dirty}
              loading={act.isPending}
              onClick={() =>
                act.mutate(() =>
                  unwrap(
                    api.PUT('/api/surveys/{id}/questionnaire', {
                      params: { path: { id: survey.id } },
                      body: { definition: def, version: survey.version },
                    }),
                  ),
                )
              }
            >
              {survey.status === 'draft' ? 'Lưu bảng hỏi' : 'Lưu thành phiên bản mới'}
            </Button>
            <Button disabled={!dirty} onClick={() => (setDef(survey.definition), setDirty(false))}>
              Bỏ thay đổi
            </Button>
            <Button
              onClick={() =>
                change({
                  ...def,
                  sections: [
                    ...def.sections,
                    { id: `P${def.sections.length + 1}`, title: `Phần ${def.sections.length + 1}`, questions: [] },
                  ],
                })
              }
            >
              Thêm phần
            </Button>
          </Space>
        </Card>
      )}
      {def.sections.map((s, si) => (
        <Card
          key={s.id}
          size="small"
          title={
            editable ? (
              <Input
                aria-label="Tên phần"
                value={s.title}
                onChange={(e) => change({ ...def, sections: def.sections.map((x, i) => (i === si ? { ...x, title: e.target.value } : x)) })}
              />
            ) : (
              s.title
            )
          }
          extra={editable && <Button onClick={() => setEditing({ section: si, index: null })}>Thêm câu hỏi</Button>}
        >
          <List
            size="small"
            dataSource={s.questions}
            locale={{ emptyText: 'Chưa có câu hỏi.' }}
            renderItem={(q, qi) => (
              <List.Item
                actions={
                  editable
                    ? [
                        <a key="up" onClick={() => move(si, qi, -1)} aria-label="Lên">
                          ↑
                        </a>,
                        <a key="down" onClick={() => move(si, qi, 1)} aria-label="Xuống">
                          ↓
                        </a>,
                        <a key="edit" onClick={() => setEditing({ section: si, index: qi })}>
                          Sửa
                        </a>,
                        <a
                          key="del"
                          onClick={() =>
                            change({
                              ...def,
                              sections: def.sections.map((x, i) =>
                                i === si ? { ...x, questions: x.questions.filter((_, j) => j !== qi) } : x,
                              ),
                            })
                          }
                        >
                          Xóa
                        </a>,
                      ]
                    : []
                }
              >
                <Space direction="vertical" size={0}>
                  <span>
                    <Typography.Text type="secondary">{q.id}. </Typography.Text>
                    {q.text}
                    {q.required && <Typography.Text type="danger"> *</Typography.Text>}
                  </span>
                  <Space size={4} wrap>
                    <Tag>{typeLabel(q.type)}</Tag>
                    {q.aspect && <Tag color="blue">{ASPECT_OPTIONS.find((a) => a.value === q.aspect)?.label ?? q.aspect}</Tag>}
                    {q.showIf && (
                      <Tag color="purple">
                        Chỉ hỏi khi câu {q.showIf.question}
                        {q.showIf.item ? ` dòng ${q.showIf.item}` : ''} = {q.showIf.values.join(' hoặc ')}
                      </Tag>
                    )}
                  </Space>
                </Space>
              </List.Item>
            )}
          />
        </Card>
      ))}
      {editing && (
        <QuestionModal
          question={editing.index === null ? null : def.sections[editing.section]!.questions[editing.index]!}
          earlier={def.sections
            .slice(0, editing.section + 1)
            .flatMap((x, i) => (i === editing.section ? x.questions.slice(0, editing.index ?? x.questions.length) : x.questions))}
          taken={new Set(all.map((q) => q.id))}
          onClose={() => setEditing(null)}
          onSave={(q) => {
            change({
              ...def,
              sections: def.sections.map((x, i) =>
                i !== editing.section
                  ? x
                  : {
                      ...x,
                      questions: editing.index === null ? [...x.questions, q] : x.questions.map((y, j) => (j === editing.index ? q : y)),
                    },
              ),
            });
            setEditing(null);
          }}
        />
      )}
    </Space>
  );
}

interface QuestionFields {
  id: string;
  text: string;
  type: Question['type'];
  required?: boolean;
  aspect?: string;
  options?: string;
  items?: string;
  showQuestion?: string;
  showItem?: string;
  showValues?: string;
  min?: number;
  max?: number;
}

function QuestionModal({
  question,
  earlier,
  taken,
  onClose,
  onSave,
}: {
  question: Question | null;
  earlier: Question[];
  taken: Set<string>;
  onClose: () => void;
  onSave: (q: Question) => void;
}) {
  const [form] = Form.useForm<QuestionFields>();
  const type = Form.useWatch('type', form);
  const initial: QuestionFields = question
    ? {
        id: question.id,
        text: question.text,
        type: question.type,
        required: question.required,
        aspect: question.aspect,
        options: (question.options ?? []).map((o) => `${o.label}${o.weight !== undefined ? ` | ${o.weight}` : ''}`).join('\n'),
        items: (question.items ?? []).map((i) => i.text).join('\n'),
        showQuestion: question.showIf?.question,
        showItem: question.showIf?.item,
        showValues: question.showIf?.values.join(', '),
        min: question.min,
        max: question.max,
      }
    : { id: `Q${taken.size + 1}`, text: '', type: 'scale5' };
  const save = (v: QuestionFields) => {
    const options = ['single', 'multiple', 'matrix'].includes(v.type)
      ? lines(v.options).map((l, i) => {
          const [label, weight] = l.split('|').map((x) => x.trim());
          return { value: i + 1, label: label!, ...(weight ? { weight: Number(weight.replace(',', '.')) } : {}) };
        })
      : undefined;
    const values = (v.showValues ?? '')
      .split(/[,;\s]+/)
      .filter(Boolean)
      .map(Number)
      .filter(Number.isInteger);
    onSave({
      id: v.id.trim(),
      text: v.text.trim(),
      type: v.type,
      ...(v.required ? { required: true } : {}),
      ...(v.type === 'scale5' && v.aspect ? { aspect: v.aspect } : {}),
      ...(v.type === 'scale5' && question?.group ? { group: question.group } : {}),
      ...(options ? { options } : {}),
      ...(v.type === 'matrix' ? { items: lines(v.items).map((t, i) => ({ id: String(i + 1), text: t })) } : {}),
      ...(v.showQuestion && values.length
        ? { showIf: { question: v.showQuestion, ...(v.showItem ? { item: v.showItem } : {}), values } }
        : {}),
      ...(v.type === 'number' && v.min !== undefined && v.min !== null ? { min: v.min } : {}),
      ...(v.type === 'number' && v.max !== undefined && v.max !== null ? { max: v.max } : {}),
    });
  };
  return (
    <Modal
      open
      title={question ? `Sửa câu ${question.id}` : 'Câu hỏi mới'}
      okText="Xong"
      cancelText="Hủy"
      onCancel={onClose}
      onOk={() => form.submit()}
      width={720}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={initial} onFinish={save}>
        <Space wrap>
          <Form.Item
            name="id"
            label="Mã câu"
            rules={[
              { required: true, pattern: /^[A-Za-z0-9_.-]{1,40}$/, message: 'Chữ, số, dấu chấm, gạch (tối đa 40 ký tự)' },
              {
                validator: (_, v: string) =>
                  v !== question?.id && taken.has(v) ? Promise.reject(new Error('Mã câu đã có')) : Promise.resolve(),
              },
            ]}
          >
            <Input style={{ width: 140 }} />
          </Form.Item>
          <Form.Item name="type" label="Loại câu hỏi">
            <Select style={{ width: 240 }} options={TYPE_OPTIONS} />
          </Form.Item>
          <Form.Item name="required" valuePropName="checked" label=" ">
            <Checkbox>Bắt buộc trả lời</Checkbox>
          </Form.Item>
        </Space>
        <Form.Item name="text" label="Nội dung câu hỏi" rules={[{ required: true, message: 'Nhập nội dung câu hỏi' }]}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        {type === 'scale5' && (
          <Form.Item name="aspect" label="Khía cạnh (để tính chỉ số)">
            <Select allowClear options={ASPECT_OPTIONS} />
          </Form.Item>
        )}
        {(type === 'single' || type === 'multiple' || type === 'matrix') && (
          <Form.Item
            name="options"
            label="Phương án, mỗi dòng một phương án (thêm “| trọng số” nếu có, ví dụ “A. Tốt | 100”)"
            rules={[{ required: true, message: 'Cần ít nhất một phương án' }]}
          >
            <Input.TextArea rows={4} />
          </Form.Item>
        )}
        {type === 'matrix' && (
          <Form.Item
            name="items"
            label="Các dòng của bảng, mỗi dòng một nội dung"
            rules={[{ required: true, message: 'Cần ít nhất một dòng' }]}
          >
            <Input.TextArea rows={4} />
          </Form.Item>
        )}
        {type === 'number' && (
          <Space>
            <Form.Item name="min" label="Nhỏ nhất">
              <InputNumber decimalSeparator="," />
            </Form.Item>
            <Form.Item name="max" label="Lớn nhất">
              <InputNumber decimalSeparator="," />
            </Form.Item>
          </Space>
        )}
        <Typography.Text strong>Chỉ hỏi khi (để trống: luôn hỏi)</Typography.Text>
        <Space wrap style={{ marginTop: 8 }}>
          <Form.Item name="showQuestion" label="Câu trước đó">
            <Select
              allowClear
              style={{ width: 260 }}
              showSearch
              optionFilterProp="label"
              options={earlier.filter((q) => q.type !== 'text').map((q) => ({ value: q.id, label: `${q.id}. ${q.text.slice(0, 50)}` }))}
            />
          </Form.Item>
          <Form.Item name="showItem" label="Dòng (câu dạng bảng)">
            <Input style={{ width: 110 }} />
          </Form.Item>
          <Form.Item name="showValues" label="Trả lời là (giá trị, cách nhau dấu phẩy)">
            <Input style={{ width: 180 }} placeholder="1, 2" />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}
