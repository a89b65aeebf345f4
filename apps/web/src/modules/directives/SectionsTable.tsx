import { Button, Card, Col, DatePicker, Input, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { DeleteOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { foldForSearch } from '../../lib/text';
import type { Section } from './ImportPage';

type Option = { value: string; label: string };

/** The proposed sections: lead unit (or group) per section, coordinating units, each task's text, output, deadline, index links. */
export function SectionsTable(props: {
  sections: Section[];
  setSections: (f: (ss: Section[] | null) => Section[] | null) => void;
  update: (key: number, patch: Partial<Section>) => void;
  unitChoices: Option[];
  unitOptions: Option[];
  linkOptions: Option[];
}) {
  const { sections, setSections, update, unitOptions, linkOptions } = props;
  return (
    <Card size="small" title={`Các mục (${sections.length}) – chọn đơn vị chủ trì cho từng mục`}>
      <Table<Section>
        size="small"
        rowKey="key"
        pagination={false}
        dataSource={sections}
        scroll={{ x: 900 }}
        expandable={{
          expandedRowRender: (s) => (
            <Space direction="vertical" style={{ width: '100%' }}>
              <Select
                mode="multiple"
                allowClear
                placeholder="Đơn vị phối hợp (áp dụng cho các nhiệm vụ của mục)"
                style={{ width: '100%' }}
                showSearch={{ filterOption: (i, o) => foldForSearch(String(o?.label)).includes(foldForSearch(i)) }}
                options={props.unitChoices}
                value={s.coordinators}
                onChange={(v) => update(s.key, { coordinators: v })}
              />
              {s.tasks.map((t, j) => (
                <Row key={j} gutter={8} align="top">
                  <Col flex="40px">
                    <b>{t.label || j + 1}</b>
                  </Col>
                  <Col flex="auto">
                    <Input.TextArea
                      autoSize={{ maxRows: 6 }}
                      value={t.text}
                      onChange={(e) => update(s.key, { tasks: s.tasks.map((x, k) => (k === j ? { ...x, text: e.target.value } : x)) })}
                    />
                    <Input
                      size="small"
                      style={{ marginTop: 4 }}
                      placeholder="Sản phẩm đầu ra (ví dụ: báo cáo, kế hoạch, quyết định)"
                      value={t.expectedOutput}
                      onChange={(e) =>
                        update(s.key, { tasks: s.tasks.map((x, k) => (k === j ? { ...x, expectedOutput: e.target.value } : x)) })
                      }
                    />
                  </Col>
                  <Col flex="150px">
                    <DatePicker
                      placeholder="Hạn riêng"
                      format="DD/MM/YYYY"
                      value={t.dueDate ? dayjs(t.dueDate) : null}
                      onChange={(d) =>
                        update(s.key, {
                          tasks: s.tasks.map((x, k) => (k === j ? { ...x, dueDate: d?.format('YYYY-MM-DD') ?? null } : x)),
                        })
                      }
                    />
                  </Col>
                  <Col flex="260px">
                    <Select
                      mode="multiple"
                      allowClear
                      placeholder="Chỉ số được bảo vệ"
                      style={{ width: '100%' }}
                      maxTagCount={2}
                      options={linkOptions}
                      value={t.indexLinks}
                      onChange={(v) => update(s.key, { tasks: s.tasks.map((x, k) => (k === j ? { ...x, indexLinks: v } : x)) })}
                    />
                  </Col>
                </Row>
              ))}
            </Space>
          ),
        }}
        columns={[
          { title: 'Mục', dataIndex: 'number', width: 70 },
          {
            title: 'Tiêu đề',
            dataIndex: 'heading',
            render: (h: string, s) => (
              <>
                {h}
                {s.note && (
                  <div>
                    <Typography.Text type={s.matchedBy === 'successor' ? 'warning' : 'danger'} style={{ fontSize: 12 }}>
                      {s.note}
                    </Typography.Text>
                  </div>
                )}
              </>
            ),
          },
          {
            title: 'Đơn vị chủ trì',
            width: 320,
            render: (_, s) => (
              <Select
                aria-label={`Đơn vị chủ trì mục ${s.number}`}
                status={!s.isGroup && !s.leadUnitCode ? 'error' : undefined}
                placeholder="Chọn đơn vị"
                style={{ width: '100%' }}
                showSearch={{ filterOption: (i, o) => foldForSearch(String(o?.label)).includes(foldForSearch(i)) }}
                value={s.isGroup ? `group:${s.group}` : (s.leadUnitCode ?? undefined)}
                options={unitOptions}
                onChange={(v: string) =>
                  update(
                    s.key,
                    v.startsWith('group:')
                      ? { isGroup: true, group: v.slice(6) as 'all', leadUnitCode: null, note: null }
                      : { isGroup: false, group: null, leadUnitCode: v, note: null },
                  )
                }
              />
            ),
          },
          { title: 'Nhiệm vụ', width: 90, render: (_, s) => <Tag>{s.tasks.length}</Tag> },
          {
            title: '',
            width: 50,
            render: (_, s) => (
              <Button
                size="small"
                danger
                icon={<DeleteOutlined />}
                aria-label="Bỏ mục"
                onClick={() => setSections((ss) => ss!.filter((x) => x.key !== s.key))}
              />
            ),
          },
        ]}
      />
    </Card>
  );
}
