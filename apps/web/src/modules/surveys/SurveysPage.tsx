/** Surveys: the list (status, year, search; paginated in SQL) and a new survey from a template. */
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Button, Card, DatePicker, Form, Grid, Input, List, Select, Space, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { api, unwrap } from '../../lib/api';
import { formatDate, formatNumber } from '../../lib/format';
import { useSession } from '../../lib/session';
import { useUrlFilters } from '../../lib/url-filters';
import { STATUS_COLORS, STATUS_OPTIONS, useAct } from './common';

const PAGE = 20;

export function SurveysPage() {
  const { can } = useSession();
  const { get, set, page, pagination } = useUrlFilters(PAGE);
  const phone = !Grid.useBreakpoint().md;
  const [creating, setCreating] = useState(false);
  const query = {
    status: get('status') as 'draft' | undefined,
    year: get('year') ? Number(get('year')) : undefined,
    q: get('q'),
    page,
    pageSize: PAGE,
  };
  const list = useQuery({ queryKey: ['surveys', 'list', query], queryFn: () => unwrap(api.GET('/api/surveys', { params: { query } })) });
  const rows = list.data?.rows ?? [];
  const years = Array.from({ length: 6 }, (_, i) => dayjs().year() - i);
  return (
    <>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={3} className="page-title">
          Khảo sát sự hài lòng
        </Typography.Title>
        {can('survey.manage') && (
          <Button type="primary" onClick={() => setCreating(!creating)}>
            Tạo cuộc khảo sát
          </Button>
        )}
      </Space>
      {creating && <NewSurvey onDone={() => setCreating(false)} />}
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space wrap>
          <Input.Search
            allowClear
            placeholder="Tên cuộc khảo sát"
            defaultValue={get('q')}
            onSearch={(v) => set({ q: v.trim() || undefined })}
            style={{ width: phone ? '100%' : 280 }}
            aria-label="Tìm cuộc khảo sát"
          />
          <Select
            allowClear
            placeholder="Trạng thái"
            style={{ width: 180 }}
            value={get('status')}
            onChange={(v) => set({ status: v })}
            options={STATUS_OPTIONS}
          />
          <Select
            allowClear
            placeholder="Năm"
            style={{ width: 120 }}
            value={get('year')}
            onChange={(v) => set({ year: v })}
            options={years.map((y) => ({ value: String(y), label: `Năm ${y}` }))}
          />
        </Space>
      </Card>
      {phone ? (
        <List
          loading={list.isPending}
          dataSource={rows}
          pagination={pagination(list.data?.total, 'cuộc khảo sát')}
          renderItem={(r) => (
            <List.Item>
              <List.Item.Meta
                title={<Link to={`/surveys/${r.id}`}>{r.name}</Link>}
                description={
                  <Space wrap size={4}>
                    <Tag color={STATUS_COLORS[r.status]}>{r.statusLabel}</Tag>
                    <span>
                      {formatDate(r.periodFrom)} – {formatDate(r.periodTo)}
                    </span>
                    <span>{formatNumber(r.responses)} phiếu</span>
                  </Space>
                }
              />
            </List.Item>
          )}
        />
      ) : (
        <Table
          rowKey="id"
          loading={list.isPending}
          dataSource={rows}
          pagination={pagination(list.data?.total, 'cuộc khảo sát')}
          columns={[
            { title: 'Cuộc khảo sát', render: (_, r) => <Link to={`/surveys/${r.id}`}>{r.name}</Link> },
            { title: 'Mẫu bảng hỏi', dataIndex: 'templateLabel', width: 260 },
            { title: 'Kỳ', width: 200, render: (_, r) => `${formatDate(r.periodFrom)} – ${formatDate(r.periodTo)}` },
            { title: 'Trạng thái', width: 150, render: (_, r) => <Tag color={STATUS_COLORS[r.status]}>{r.statusLabel}</Tag> },
            { title: 'Phiếu phát', width: 110, align: 'right', render: (_, r) => formatNumber(r.issued) },
            { title: 'Phiếu trả lời', width: 120, align: 'right', render: (_, r) => formatNumber(r.responses) },
            { title: 'Kết quả', width: 130, render: (_, r) => (r.resultsPublished ? <Tag color="green">Đã công bố</Tag> : '—') },
          ]}
        />
      )}
    </>
  );
}

function NewSurvey({ onDone }: { onDone: () => void }) {
  const navigate = useNavigate();
  const templates = useQuery({ queryKey: ['surveys', 'templates'], queryFn: () => unwrap(api.GET('/api/surveys/templates')) });
  const act = useAct();
  const year = dayjs().year();
  return (
    <Card size="small" title="Cuộc khảo sát mới" style={{ marginBottom: 12 }}>
      <Form
        layout="vertical"
        initialValues={{
          template: 'sipas-1001',
          name: `Khảo sát sự hài lòng của người dân năm ${year}`,
          period: [dayjs(`${year}-01-01`), dayjs()],
        }}
        onFinish={(v: { template: string; name: string; period: [Dayjs, Dayjs] }) =>
          act.mutate(async () => {
            const r = await unwrap(
              api.POST('/api/surveys/from-template', {
                body: {
                  template: v.template,
                  name: v.name,
                  period: { from: v.period[0].format('YYYY-MM-DD'), to: v.period[1].format('YYYY-MM-DD') },
                },
              }),
            );
            onDone();
            navigate(`/surveys/${r.id}?tab=questionnaire`);
          })
        }
      >
        <Form.Item name="template" label="Mẫu bảng hỏi" rules={[{ required: true, message: 'Chọn mẫu bảng hỏi' }]}>
          <Select options={(templates.data ?? []).map((t) => ({ value: t.code, label: t.label }))} />
        </Form.Item>
        <Form.Item name="name" label="Tên cuộc khảo sát" rules={[{ required: true, message: 'Nhập tên cuộc khảo sát' }]}>
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item
          name="period"
          label="Kỳ khảo sát (người được phục vụ: hồ sơ tiếp nhận trong kỳ và đã giải quyết)"
          rules={[{ required: true, message: 'Chọn kỳ khảo sát' }]}
        >
          <DatePicker.RangePicker format="DD/MM/YYYY" />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={act.isPending}>
            Tạo
          </Button>
          <Button onClick={onDone}>Hủy</Button>
        </Space>
      </Form>
    </Card>
  );
}
