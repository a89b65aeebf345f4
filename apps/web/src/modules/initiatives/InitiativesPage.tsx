/** Initiatives: the unit's registry, coverage (≥ 1 per unit a year), registration, the catalogue of recognised ones, the council's criteria. */
import { Link, useNavigate } from 'react-router-dom';
import {
  Alert,
  Button,
  Card,
  Col,
  DatePicker,
  Form,
  Grid,
  Input,
  InputNumber,
  List,
  Progress,
  Radio,
  Row,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useUrlFilters } from '../../lib/url-filters';
import { YearSelect } from '../../components/YearSelect';
import dayjs from 'dayjs';
import { api, unwrap } from '../../lib/api';
import { formatDate, formatNumber, formatPercent } from '../../lib/format';
import { useProvinceUnits, useSession } from '../../lib/session';
import { AREA_OPTIONS, INDEX_OPTIONS, STATUS_COLORS, STATUS_OPTIONS, useAct } from './common';
import { CriteriaTab } from './CriteriaTab';

const PAGE = 20;

export function InitiativesPage() {
  const { can } = useSession();
  const { get, set } = useUrlFilters(PAGE);
  const year = Number(get('year') ?? dayjs().year());
  return (
    <>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={3} className="page-title">
          Sáng kiến, giải pháp cải cách hành chính
        </Typography.Title>
        <YearSelect value={year} onChange={(y) => set({ year: String(y) })} />
      </Space>
      <Tabs
        activeKey={get('tab') ?? 'list'}
        onChange={(k) => set({ tab: k })}
        items={[
          { key: 'list', label: 'Sáng kiến', children: <ListTab year={year} /> },
          { key: 'coverage', label: 'Đơn vị chưa có sáng kiến', children: <CoverageTab year={year} /> },
          ...(can('initiative.create') ? [{ key: 'new', label: 'Đăng ký sáng kiến', children: <NewTab year={year} /> }] : []),
          { key: 'catalogue', label: 'Danh mục đã công nhận', children: <ListTab year={undefined} catalogue /> },
          ...(can('initiative.manage') ? [{ key: 'criteria', label: 'Tiêu chí chấm điểm', children: <CriteriaTab /> }] : []),
        ]}
      />
    </>
  );
}

function ListTab({ year, catalogue }: { year: number | undefined; catalogue?: boolean }) {
  const { get, set, page, pagination: pager } = useUrlFilters(PAGE);
  const phone = !Grid.useBreakpoint().md;
  const units = useProvinceUnits();
  const query = {
    year: catalogue ? (get('cyear') ? Number(get('cyear')) : undefined) : year,
    status: catalogue ? undefined : (get('status') as 'draft' | undefined),
    area: get('area'),
    unit: catalogue ? undefined : get('unit'),
    q: get('q'),
    catalogue: catalogue || undefined,
    limit: PAGE,
    offset: (page - 1) * PAGE,
  };
  const list = useQuery({
    queryKey: ['initiatives', 'list', query],
    queryFn: () => unwrap(api.GET('/api/initiatives', { params: { query } })),
  });
  const items = list.data?.items ?? [];
  const pagination = pager(list.data?.total, 'sáng kiến');
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Card size="small">
        <Space wrap>
          <Input.Search
            allowClear
            placeholder="Mã SK.…, tên, đơn vị, tỉnh"
            defaultValue={get('q')}
            onSearch={(v) => set({ q: v.trim() || undefined })}
            style={{ width: phone ? '100%' : 280 }}
            aria-label="Tìm sáng kiến"
          />
          {!catalogue && (
            <Select
              allowClear
              placeholder="Trạng thái"
              style={{ width: 210 }}
              value={get('status')}
              onChange={(v) => set({ status: v })}
              options={STATUS_OPTIONS}
            />
          )}
          {!catalogue && (
            <Select
              allowClear
              showSearch
              optionFilterProp="label"
              placeholder="Đơn vị"
              style={{ width: 240 }}
              value={get('unit')}
              onChange={(v) => set({ unit: v })}
              options={(units.data ?? []).map((u) => ({ value: u.code, label: u.name }))}
            />
          )}
          <Select
            allowClear
            placeholder="Lĩnh vực"
            style={{ width: 240 }}
            value={get('area')}
            onChange={(v) => set({ area: v })}
            options={AREA_OPTIONS}
          />
        </Space>
      </Card>
      {phone ? (
        <List
          loading={list.isPending}
          dataSource={items}
          pagination={{ ...pagination, size: 'small', align: 'center' }}
          renderItem={(r) => (
            <List.Item>
              <Link to={`/initiatives/${r.id}`} style={{ display: 'block', width: '100%', color: 'inherit' }}>
                <Space direction="vertical" size={2}>
                  <Typography.Text strong>{r.title}</Typography.Text>
                  <Typography.Text type="secondary">
                    {r.code} · {r.unitName}
                  </Typography.Text>
                  <Space wrap size={4}>
                    <Tag color={STATUS_COLORS[r.status]}>{r.statusLabel}</Tag>
                    {r.levelLabel && <Tag color="cyan">{r.levelLabel}</Tag>}
                  </Space>
                </Space>
              </Link>
            </List.Item>
          )}
        />
      ) : (
        <Table
          size="small"
          rowKey="id"
          loading={list.isPending}
          dataSource={items}
          pagination={pagination}
          columns={[
            { title: 'Mã', dataIndex: 'code', width: 110 },
            {
              title: 'Sáng kiến',
              dataIndex: 'title',
              render: (t: string, r) => (
                <Space direction="vertical" size={0}>
                  <Link to={`/initiatives/${r.id}`}>{t}</Link>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {r.areaLabel}
                  </Typography.Text>
                </Space>
              ),
            },
            { title: 'Đơn vị', dataIndex: 'unitName', width: 230 },
            {
              title: 'Trạng thái',
              dataIndex: 'statusLabel',
              width: 230,
              render: (s: string, r) => (
                <Space size={4} wrap>
                  <Tag color={STATUS_COLORS[r.status]}>{s}</Tag>
                  {r.levelLabel && <Tag color="cyan">{r.levelLabel}</Tag>}
                  {r.awardUsed && <Tag color="purple">Đã dùng khen thưởng</Tag>}
                </Space>
              ),
            },
            { title: 'Nhân rộng', dataIndex: 'adopters', width: 90, align: 'right', render: (n: number) => formatNumber(n) },
          ]}
        />
      )}
    </Space>
  );
}

function CoverageTab({ year }: { year: number }) {
  const cov = useQuery({
    queryKey: ['initiatives', 'coverage', year],
    queryFn: () => unwrap(api.GET('/api/initiatives/coverage', { params: { query: { year } } })),
  });
  const c = cov.data;
  if (!c) return <Card loading />;
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Row gutter={[16, 16]}>
        <Col xs={24} md={12}>
          <Card title={`Đơn vị có sáng kiến năm ${year}`}>
            <Progress
              percent={Math.round(c.share * 1000) / 10}
              format={() => formatPercent(c.share * 100)}
              status={c.without.length ? 'active' : 'success'}
              aria-label="Tỷ lệ đơn vị có sáng kiến"
            />
            <Typography.Paragraph style={{ marginTop: 8 }}>
              {formatNumber(c.withInitiative)}/{formatNumber(c.units)} đơn vị đã đăng ký ({formatNumber(c.registered)} sáng kiến,{' '}
              {formatNumber(c.recognised)} được công nhận). Mỗi cơ quan, đơn vị, địa phương cần ít nhất 1 sáng kiến; hạn báo cáo{' '}
              {formatDate(c.deadline)}.
            </Typography.Paragraph>
          </Card>
        </Col>
      </Row>
      <Card title={`Chưa có sáng kiến (${formatNumber(c.without.length)} đơn vị)`}>
        {c.without.length ? (
          <Table
            size="small"
            rowKey="unitCode"
            dataSource={c.without}
            pagination={{ pageSize: 15, showSizeChanger: false, hideOnSinglePage: true }}
            columns={[{ title: 'Đơn vị', dataIndex: 'unitName' }]}
          />
        ) : (
          <Alert type="success" showIcon message="Mọi đơn vị đã có sáng kiến." />
        )}
      </Card>
    </Space>
  );
}

function NewTab({ year }: { year: number }) {
  const { me, can } = useSession();
  const units = useProvinceUnits();
  const navigate = useNavigate();
  const [form] = Form.useForm();
  const external = Form.useWatch('external', form) === true;
  const act = useAct();
  return (
    <Card size="small">
      <Form
        form={form}
        layout="vertical"
        initialValues={{ unitCode: me.unitCode, year }}
        onFinish={({
          external: ext,
          ...v
        }: Record<string, unknown> & { external?: boolean; startedOn?: dayjs.Dayjs; year: number; title: string; summary: string }) =>
          act.mutate(async () => {
            const body = {
              ...v,
              startedOn: v.startedOn?.format('YYYY-MM-DD'),
              unitCode: ext ? undefined : (v.unitCode as string | undefined),
            };
            const r = await unwrap(api.POST('/api/initiatives', { body }));
            navigate(`/initiatives/${r.id}`);
          })
        }
      >
        {can('initiative.manage') && (
          <Form.Item name="external" label="Nguồn" initialValue={false}>
            <Radio.Group
              options={[
                { value: false, label: 'Của đơn vị trong tỉnh' },
                { value: true, label: 'Ghi nhận từ tỉnh, thành phố khác (để học hỏi, nhân rộng)' },
              ]}
            />
          </Form.Item>
        )}
        <Row gutter={12}>
          {can('initiative.manage') && !external && (
            <Col xs={24} md={12}>
              <Form.Item name="unitCode" label="Đơn vị">
                <Select showSearch optionFilterProp="label" options={(units.data ?? []).map((u) => ({ value: u.code, label: u.name }))} />
              </Form.Item>
            </Col>
          )}
          {external && (
            <>
              <Col xs={12} md={6}>
                <Form.Item name="externalProvince" label="Tỉnh, thành phố" rules={[{ required: true, message: 'Cần tên tỉnh, thành phố' }]}>
                  <Input />
                </Form.Item>
              </Col>
              <Col xs={12} md={6}>
                <Form.Item name="externalUnit" label="Cơ quan áp dụng">
                  <Input />
                </Form.Item>
              </Col>
            </>
          )}
          <Col xs={12} md={4}>
            <Form.Item name="year" label="Năm">
              <InputNumber min={2000} max={2100} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="area" label="Lĩnh vực">
              <Select allowClear options={AREA_OPTIONS} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="title" label="Tên sáng kiến" rules={[{ required: true, min: 5, message: 'Cần tên sáng kiến (ít nhất 5 ký tự)' }]}>
          <Input />
        </Form.Item>
        <Form.Item name="summary" label="Tóm tắt" rules={[{ required: true, min: 10, message: 'Cần tóm tắt (ít nhất 10 ký tự)' }]}>
          <Input.TextArea autoSize={{ minRows: 2 }} />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item name="problem" label="Thực trạng, vấn đề cần giải quyết">
              <Input.TextArea autoSize={{ minRows: 2 }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="solution" label="Giải pháp">
              <Input.TextArea autoSize={{ minRows: 2 }} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col xs={12} md={6}>
            <Form.Item name="startedOn" label="Ngày bắt đầu áp dụng">
              <DatePicker format="DD/MM/YYYY" placeholder="Chọn ngày" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="cost" label="Kinh phí (đồng)">
              <InputNumber<number>
                min={0}
                style={{ width: '100%' }}
                decimalSeparator=","
                formatter={(v) => (v === undefined || v === null ? '' : Number(v).toLocaleString('vi-VN'))}
                parser={(v) => Number((v ?? '').replace(/\./g, '').replace(',', '.'))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="indexComponents" label="Chỉ số hướng tới">
              <Select mode="multiple" options={INDEX_OPTIONS} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="expectedEffect" label="Hiệu quả dự kiến">
          <Input.TextArea autoSize={{ minRows: 2 }} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={act.isPending}>
          Lưu bản đăng ký
        </Button>
      </Form>
    </Card>
  );
}
