/** Inspections: the year's coverage against the target, the visits, the findings to the end, risk and draws, the checklist template. */
import { useState } from 'react';
import { Link } from 'react-router-dom';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Form,
  Grid,
  Input,
  InputNumber,
  List,
  Progress,
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
import { api, unwrap, urlFor } from '../../lib/api';
import { formatDate, formatNumber, formatPercent } from '../../lib/format';
import { useProvinceUnits, useSession } from '../../lib/session';
import { AREA_OPTIONS, FINDING_STATE_OPTIONS, KIND_OPTIONS, SEVERITY_OPTIONS, STATE_COLORS, STATUS_COLORS, useAct } from './common';
import { TemplateTab } from './TemplateTab';
import { DecimalInput } from '../../components/DecimalInput';

const PAGE = 20;

export function InspectionsPage() {
  const { can } = useSession();
  const { get, set } = useUrlFilters(PAGE);
  const year = Number(get('year') ?? dayjs().year());
  const tab = get('tab') ?? 'coverage';
  return (
    <>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={3} className="page-title">
          Kiểm tra công tác cải cách hành chính
        </Typography.Title>
        <YearSelect value={year} onChange={(y) => set({ year: String(y) })} />
      </Space>
      <Tabs
        activeKey={tab}
        onChange={(k) => set({ tab: k })}
        items={[
          { key: 'coverage', label: 'Độ bao phủ', children: <CoverageTab year={year} /> },
          { key: 'visits', label: 'Lịch, kết quả kiểm tra', children: <VisitsTab year={year} /> },
          { key: 'findings', label: 'Kiến nghị, khắc phục', children: <FindingsTab year={year} /> },
          ...(can('inspection.manage') ? [{ key: 'risk', label: 'Đề xuất theo rủi ro, bốc thăm', children: <RiskTab year={year} /> }] : []),
          ...(can('inspection.manage') ? [{ key: 'template', label: 'Mẫu nội dung kiểm tra', children: <TemplateTab /> }] : []),
        ]}
      />
    </>
  );
}

function CoverageTab({ year }: { year: number }) {
  const { can } = useSession();
  const cov = useQuery({
    queryKey: ['inspections', 'coverage', year],
    queryFn: () => unwrap(api.GET('/api/inspections/coverage', { params: { query: { year } } })),
  });
  const plans = useQuery({
    queryKey: ['inspections', 'plans', year],
    queryFn: () => unwrap(api.GET('/api/inspections/plans', { params: { query: { year } } })),
  });
  const remedied = useQuery({
    queryKey: ['inspections', 'remediation', year],
    queryFn: () =>
      unwrap(
        api.GET('/api/metrics/{key}', {
          params: { path: { key: 'inspections.remediationRate' }, query: { from: `${year}-01-01`, to: `${year}-12-31` } },
        }),
      ),
  });
  const r = remedied.data?.[0];
  const c = cov.data;
  if (!c) return <Card loading />;
  const met = c.share >= c.target;
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Row gutter={[16, 16]}>
        <Col xs={24} md={10}>
          <Card title={`Đơn vị đã được kiểm tra năm ${year}`}>
            <Progress
              percent={Math.round(c.share * 1000) / 10}
              status={met ? 'success' : 'active'}
              format={() => formatPercent(c.share * 100)}
              aria-label="Tỷ lệ đơn vị đã kiểm tra"
            />
            <Typography.Paragraph style={{ marginTop: 8 }}>
              {formatNumber(c.inspected)}/{formatNumber(c.units)} sở, ngành, xã, phường (không tính tự kiểm tra). Chỉ tiêu{' '}
              {formatPercent(c.target * 100)}:{' '}
              {met ? <Tag color="green">Đạt</Tag> : <Tag color="red">còn thiếu {formatNumber(c.missing)} đơn vị</Tag>}
            </Typography.Paragraph>
            <Typography.Text type="secondary">Đã có lịch, chưa đến ngày: {formatNumber(c.scheduled)} đơn vị.</Typography.Text>
          </Card>
          <Card title="Kiến nghị đã khắc phục" style={{ marginTop: 16 }}>
            <Progress
              percent={r?.value ?? 0}
              format={() => formatPercent(r?.value)}
              status={(r?.value ?? 0) >= 90 ? 'success' : 'active'}
              aria-label="Tỷ lệ kiến nghị đã khắc phục"
            />
            <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0 }}>
              {r
                ? `${formatNumber(r.numerator ?? 0)}/${formatNumber(r.denominator ?? 0)} kiến nghị đến hạn được Sở Nội vụ xác nhận đã khắc phục; quá hạn ${formatNumber(r.parts?.overdue ?? 0)}.`
                : '…'}{' '}
              <Link to="?tab=findings&state=overdue">Xem kiến nghị quá hạn</Link>
            </Typography.Paragraph>
          </Card>
        </Col>
        <Col xs={24} md={14}>
          <Card
            title="Kế hoạch kiểm tra"
            extra={
              <Space wrap>
                <a href={urlFor('/api/inspections/report.docx', { query: { year } })}>Báo cáo (DOCX)</a>
                <a href={urlFor('/api/inspections/report.xlsx', { query: { year } })}>Số liệu (XLSX)</a>
              </Space>
            }
          >
            {(plans.data ?? []).length ? (
              <List
                size="small"
                dataSource={plans.data}
                renderItem={(p) => (
                  <List.Item>
                    {p.name} · chỉ tiêu {formatPercent(p.target * 100)} · tự kiểm tra {formatPercent(p.selfTarget * 100)} đơn vị trực thuộc
                  </List.Item>
                )}
              />
            ) : (
              <Alert type="info" showIcon message={`Chưa có kế hoạch kiểm tra năm ${year}.`} />
            )}
            {can('inspection.manage') && <NewPlan year={year} first={!(plans.data ?? []).length} />}
          </Card>
        </Col>
      </Row>
      {c.self.length > 0 && (
        <Card title={`Tự kiểm tra đơn vị trực thuộc (chỉ tiêu ${formatPercent(c.selfTarget * 100)})`}>
          <Table
            size="small"
            rowKey="unitCode"
            dataSource={c.self}
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            columns={[
              { title: 'Đơn vị', dataIndex: 'unitName' },
              { title: 'Đơn vị trực thuộc', dataIndex: 'subUnits', render: (n: number) => formatNumber(n) },
              { title: 'Đã tự kiểm tra', dataIndex: 'inspected', render: (n: number) => formatNumber(n) },
              {
                title: 'Tỷ lệ',
                dataIndex: 'share',
                render: (v: number) => <Tag color={v >= c.selfTarget ? 'green' : 'red'}>{formatPercent(v * 100)}</Tag>,
              },
            ]}
          />
        </Card>
      )}
      <Card title={`Chưa được kiểm tra (${formatNumber(c.uninspected.length)} đơn vị)`}>
        <Table
          size="small"
          rowKey="unitCode"
          dataSource={c.uninspected}
          pagination={{ pageSize: 15, hideOnSinglePage: true, showSizeChanger: false }}
          columns={[
            { title: 'Đơn vị', dataIndex: 'unitName' },
            {
              title: 'Lịch',
              dataIndex: 'scheduled',
              width: 160,
              render: (v: boolean) => (v ? <Tag color="blue">Đã có lịch</Tag> : <Tag>Chưa có lịch</Tag>),
            },
          ]}
        />
      </Card>
    </Space>
  );
}

function NewPlan({ year, first }: { year: number; first: boolean }) {
  const [form] = Form.useForm();
  const [open, setOpen] = useState(first);
  const act = useAct(() => {
    form.resetFields();
    setOpen(false);
  });
  if (!open)
    return (
      <Button style={{ marginTop: 12 }} onClick={() => setOpen(true)}>
        Thêm kế hoạch (kiểm tra chuyên đề, bổ sung)
      </Button>
    );
  return (
    <Form
      form={form}
      layout="inline"
      style={{ marginTop: 12, rowGap: 8 }}
      initialValues={{ name: `Kế hoạch kiểm tra công tác cải cách hành chính năm ${year}`, target: 30 }}
      onFinish={(v: { name: string; target: number }) =>
        act.mutate(() => unwrap(api.POST('/api/inspections/plans', { body: { year, name: v.name, target: v.target / 100 } })))
      }
    >
      <Form.Item name="name" label="Tên kế hoạch" rules={[{ required: true, min: 5, message: 'Cần tên kế hoạch' }]}>
        <Input style={{ width: 320 }} />
      </Form.Item>
      <Form.Item name="target" label="Chỉ tiêu (%)">
        <DecimalInput min={1} max={100} />
      </Form.Item>
      <Button htmlType="submit" type="primary" loading={act.isPending}>
        Lập kế hoạch
      </Button>
    </Form>
  );
}

function VisitsTab({ year }: { year: number }) {
  const { can } = useSession();
  const { get, set, page, pagination: pager } = useUrlFilters(PAGE);
  const phone = !Grid.useBreakpoint().md;
  const units = useProvinceUnits();
  const query = {
    year,
    kind: get('kind') as 'planned' | undefined,
    status: get('status') as 'scheduled' | undefined,
    when: get('when') as 'held' | undefined,
    unit: get('unit'),
    q: get('q'),
    limit: PAGE,
    offset: (page - 1) * PAGE,
  };
  const list = useQuery({
    queryKey: ['inspections', 'list', query],
    queryFn: () => unwrap(api.GET('/api/inspections', { params: { query } })),
  });
  const items = list.data?.items ?? [];
  const pagination = pager(list.data?.total, 'cuộc kiểm tra');
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      {(can('inspection.manage') || can('inspection.self')) && <NewVisit year={year} />}
      <Card size="small">
        <Space wrap>
          <Input.Search
            allowClear
            placeholder="Tên đơn vị, trưởng đoàn"
            defaultValue={get('q')}
            onSearch={(v) => set({ q: v.trim() || undefined })}
            style={{ width: phone ? '100%' : 260 }}
            aria-label="Tìm cuộc kiểm tra"
          />
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
          <Select
            allowClear
            placeholder="Hình thức"
            style={{ width: 200 }}
            value={get('kind')}
            onChange={(v) => set({ kind: v })}
            options={KIND_OPTIONS}
          />
          <Select
            allowClear
            placeholder="Thời gian"
            style={{ width: 180 }}
            value={get('when')}
            onChange={(v) => set({ when: v })}
            options={[
              { value: 'held', label: 'Đã diễn ra' },
              { value: 'upcoming', label: 'Sắp tới' },
            ]}
          />
          <Select
            allowClear
            placeholder="Trạng thái"
            style={{ width: 180 }}
            value={get('status')}
            onChange={(v) => set({ status: v })}
            options={[
              { value: 'scheduled', label: 'Chưa có kết luận' },
              { value: 'concluded', label: 'Đã có kết luận' },
              { value: 'cancelled', label: 'Đã hủy' },
            ]}
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
              <Link to={`/inspections/${r.id}`} style={{ display: 'block', width: '100%', color: 'inherit' }}>
                <Space direction="vertical" size={2} style={{ width: '100%' }}>
                  <Typography.Text strong>{r.unitName}</Typography.Text>
                  <Space wrap size={4}>
                    <span>{formatDate(r.date)}</span>
                    <Tag>{r.kindLabel}</Tag>
                    <Tag color={STATUS_COLORS[r.status]}>{r.statusLabel}</Tag>
                    {r.sealed && <Tag color="purple">Niêm phong</Tag>}
                  </Space>
                  <Typography.Text type="secondary">
                    {formatNumber(r.findings)} kiến nghị, {formatNumber(r.openFindings)} chưa khắc phục xong
                  </Typography.Text>
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
            { title: 'Ngày', dataIndex: 'date', width: 110, render: (d: string) => formatDate(d) },
            { title: 'Đơn vị', dataIndex: 'unitName', render: (n: string, r) => <Link to={`/inspections/${r.id}`}>{n}</Link> },
            {
              title: 'Hình thức',
              dataIndex: 'kindLabel',
              width: 170,
              render: (k: string, r) => (
                <Space size={4} wrap>
                  <Tag>{k}</Tag>
                  {r.sealed && <Tag color="purple">Niêm phong</Tag>}
                </Space>
              ),
            },
            {
              title: 'Trạng thái',
              dataIndex: 'statusLabel',
              width: 150,
              render: (s: string, r) => <Tag color={STATUS_COLORS[r.status]}>{s}</Tag>,
            },
            { title: 'Kiến nghị', dataIndex: 'findings', width: 100, align: 'right', render: (n: number) => formatNumber(n) },
            {
              title: 'Chưa xong',
              dataIndex: 'openFindings',
              width: 100,
              align: 'right',
              render: (n: number) => (n ? <Tag color="orange">{formatNumber(n)}</Tag> : '0'),
            },
          ]}
        />
      )}
    </Space>
  );
}

function NewVisit({ year }: { year: number }) {
  const { can } = useSession();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const units = useProvinceUnits();
  const plans = useQuery({
    queryKey: ['inspections', 'plans', year],
    queryFn: () => unwrap(api.GET('/api/inspections/plans', { params: { query: { year } } })),
  });
  const act = useAct(() => {
    form.resetFields();
    setOpen(false);
  });
  if (!open)
    return (
      <Button type="primary" onClick={() => setOpen(true)} disabled={!plans.data?.length}>
        Lên lịch kiểm tra
      </Button>
    );
  const kinds = can('inspection.manage') ? KIND_OPTIONS : KIND_OPTIONS.filter((k) => k.value === 'self');
  return (
    <Card size="small" title="Lên lịch kiểm tra">
      <Form
        form={form}
        layout="vertical"
        initialValues={{ planId: plans.data?.[0]?.id, kind: kinds[0]!.value, areas: AREA_OPTIONS.map((a) => a.value) }}
        onFinish={(v: {
          planId: number;
          unitCode: string;
          date: dayjs.Dayjs;
          kind: 'planned';
          areas: string[];
          teamLeader?: string;
          teamMembers?: string;
        }) => act.mutate(() => unwrap(api.POST('/api/inspections', { body: { ...v, date: v.date.format('YYYY-MM-DD') } })))}
      >
        <Row gutter={12}>
          <Col xs={24} md={8}>
            <Form.Item name="planId" label="Kế hoạch" rules={[{ required: true }]}>
              <Select options={(plans.data ?? []).map((p) => ({ value: p.id, label: p.name }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="unitCode" label="Đơn vị được kiểm tra" rules={[{ required: true, message: 'Chọn đơn vị' }]}>
              <Select showSearch optionFilterProp="label" options={(units.data ?? []).map((u) => ({ value: u.code, label: u.name }))} />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item name="date" label="Ngày kiểm tra" rules={[{ required: true, message: 'Chọn ngày' }]}>
              <DatePicker format="DD/MM/YYYY" placeholder="Chọn ngày" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item name="kind" label="Hình thức">
              <Select options={kinds} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="areas" label="Nội dung kiểm tra">
          <Checkbox.Group options={AREA_OPTIONS} />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} md={8}>
            <Form.Item name="teamLeader" label="Trưởng đoàn">
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item name="teamMembers" label="Thành viên đoàn">
              <Input />
            </Form.Item>
          </Col>
        </Row>
        <Space>
          <Button htmlType="submit" type="primary" loading={act.isPending}>
            Lưu lịch
          </Button>
          <Button onClick={() => setOpen(false)}>Đóng</Button>
        </Space>
      </Form>
    </Card>
  );
}

function FindingsTab({ year }: { year: number }) {
  const { get, set, page, pagination: pager } = useUrlFilters(PAGE);
  const phone = !Grid.useBreakpoint().md;
  const units = useProvinceUnits();
  const query = {
    year,
    state: get('state') as 'open' | undefined,
    severity: get('severity') as 'minor' | undefined,
    repeated: get('repeated') === 'true' ? true : undefined,
    unit: get('unit'),
    q: get('q'),
    limit: PAGE,
    offset: (page - 1) * PAGE,
  };
  const list = useQuery({
    queryKey: ['inspections', 'findings', query],
    queryFn: () => unwrap(api.GET('/api/inspections/findings', { params: { query } })),
  });
  const items = list.data?.items ?? [];
  const pagination = pager(list.data?.total, 'kiến nghị');
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Card size="small">
        <Space wrap>
          <Input.Search
            allowClear
            placeholder="Nội dung, đơn vị"
            defaultValue={get('q')}
            onSearch={(v) => set({ q: v.trim() || undefined })}
            style={{ width: phone ? '100%' : 240 }}
            aria-label="Tìm kiến nghị"
          />
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
          <Select
            allowClear
            placeholder="Tình trạng khắc phục"
            style={{ width: 230 }}
            value={get('state')}
            onChange={(v) => set({ state: v })}
            options={FINDING_STATE_OPTIONS}
          />
          <Select
            allowClear
            placeholder="Mức độ"
            style={{ width: 150 }}
            value={get('severity')}
            onChange={(v) => set({ severity: v })}
            options={SEVERITY_OPTIONS}
          />
          <Checkbox checked={query.repeated} onChange={(e) => set({ repeated: e.target.checked ? 'true' : undefined })}>
            Lặp lại so với lần kiểm tra trước
          </Checkbox>
        </Space>
      </Card>
      {phone ? (
        <List
          loading={list.isPending}
          dataSource={items}
          pagination={{ ...pagination, size: 'small', align: 'center' }}
          renderItem={(f) => (
            <List.Item>
              <Link to={`/inspections/${f.inspectionId}`} style={{ display: 'block', width: '100%', color: 'inherit' }}>
                <Space direction="vertical" size={2}>
                  <Typography.Text>{f.text}</Typography.Text>
                  <Typography.Text type="secondary">
                    {f.unitName} · hạn {formatDate(f.dueDate)}
                  </Typography.Text>
                  <Space wrap size={4}>
                    <Tag color={STATE_COLORS[f.state]}>{f.stateLabel}</Tag>
                    {f.repeated && <Tag color="magenta">Lặp lại</Tag>}
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
            {
              title: 'Tồn tại, hạn chế',
              dataIndex: 'text',
              render: (t: string, f) => <Link to={`/inspections/${f.inspectionId}`}>{t}</Link>,
            },
            { title: 'Đơn vị', dataIndex: 'unitName', width: 220 },
            { title: 'Mức độ', dataIndex: 'severityLabel', width: 110 },
            { title: 'Hạn', dataIndex: 'dueDate', width: 110, render: (d: string) => formatDate(d) },
            {
              title: 'Tình trạng',
              dataIndex: 'stateLabel',
              width: 250,
              render: (s: string, f) => (
                <Space size={4} wrap>
                  <Tag color={STATE_COLORS[f.state]}>{s}</Tag>
                  {f.repeated && <Tag color="magenta">Lặp lại</Tag>}
                </Space>
              ),
            },
          ]}
        />
      )}
    </Space>
  );
}

function RiskTab({ year }: { year: number }) {
  const risk = useQuery({
    queryKey: ['inspections', 'risk', year],
    queryFn: () => unwrap(api.GET('/api/inspections/risk', { params: { query: { year, limit: 30 } } })),
  });
  const plans = useQuery({
    queryKey: ['inspections', 'plans', year],
    queryFn: () => unwrap(api.GET('/api/inspections/plans', { params: { query: { year } } })),
  });
  const planId = plans.data?.[0]?.id;
  const num = (v: number | null, pct = false) => (v === null ? '—' : pct ? formatPercent(v) : formatNumber(v));
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card title="Đơn vị nên kiểm tra (điểm rủi ro từ số liệu của tỉnh)" size="small">
        <Typography.Paragraph type="secondary">
          Điểm 0–100: vị trí bình quân của đơn vị trên các yếu tố đo được (100 = kém nhất): hồ sơ đúng hạn, nhiệm vụ quá hạn, hồ sơ trễ chưa
          xin lỗi, hài lòng và trễ hạn về phản ánh, chỉ số CCHC nội bộ, thời gian từ lần kiểm tra gần nhất.
        </Typography.Paragraph>
        <Table
          size="small"
          rowKey="unitCode"
          loading={risk.isPending}
          dataSource={risk.data?.items ?? []}
          pagination={{ pageSize: 10, showSizeChanger: false }}
          scroll={{ x: 1000 }}
          columns={[
            { title: 'Hạng', dataIndex: 'rank', width: 60 },
            { title: 'Đơn vị', dataIndex: 'unitName', width: 220 },
            { title: 'Điểm', dataIndex: 'score', width: 70, render: (v: number) => formatNumber(v) },
            { title: 'Lý do', dataIndex: 'reasons', render: (r: string[]) => r.map((x) => <Tag key={x}>{x}</Tag>) },
            { title: 'Hồ sơ đúng hạn', dataIndex: 'dossierOnTime', width: 110, render: (v: number | null) => num(v, true) },
            { title: 'NV quá hạn', dataIndex: 'overdueTasks', width: 90, render: (v: number | null) => num(v) },
            { title: 'Chỉ số nội bộ năm trước', dataIndex: 'internalIndex', width: 110, render: (v: number | null) => num(v, true) },
            {
              title: 'Kiểm tra gần nhất',
              dataIndex: 'lastInspected',
              width: 130,
              render: (d: string | null) => (d ? formatDate(d) : 'Chưa kiểm tra'),
            },
          ]}
        />
      </Card>
      {planId && <DrawCard planId={planId} />}
    </Space>
  );
}

function DrawCard({ planId }: { planId: number }) {
  const draws = useQuery({
    queryKey: ['inspections', 'draws', planId],
    queryFn: () => unwrap(api.GET('/api/inspections/plans/{id}/draws', { params: { path: { id: planId } } })),
  });
  const act = useAct();
  const [count, setCount] = useState<number | null>(2);
  const [date, setDate] = useState<dayjs.Dayjs | null>(null);
  return (
    <Card title="Bốc thăm kiểm tra đột xuất (niêm phong, chỉ Sở Nội vụ thấy)" size="small">
      <Space wrap>
        <span>Số đơn vị</span>
        <InputNumber aria-label="Số đơn vị bốc thăm" min={1} max={50} value={count} onChange={setCount} />
        <span>Ngày kiểm tra</span>
        <DatePicker
          aria-label="Ngày kiểm tra đột xuất"
          format="DD/MM/YYYY"
          value={date}
          onChange={setDate}
          disabledDate={(d) => !d.isAfter(dayjs(), 'day')}
        />
        <Button
          type="primary"
          disabled={!count || !date}
          loading={act.isPending}
          onClick={() =>
            act.mutate(() =>
              unwrap(
                api.POST('/api/inspections/plans/{id}/draw', {
                  params: { path: { id: planId } },
                  body: { count: count!, date: date!.format('YYYY-MM-DD') },
                }),
              ),
            )
          }
        >
          Bốc thăm
        </Button>
      </Space>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        Hệ thống tạo hạt giống ngẫu nhiên, lưu cùng danh sách đơn vị tham gia để bốc lại kiểm chứng được; các đơn vị không thấy lịch trước
        ngày kiểm tra.
      </Typography.Paragraph>
      <List
        size="small"
        dataSource={draws.data ?? []}
        locale={{ emptyText: 'Chưa bốc thăm lần nào.' }}
        renderItem={(d) => (
          <List.Item>
            <Space direction="vertical" size={0}>
              <span>
                {formatDate(d.drawnAt)} · {d.drawnBy ?? 'Hệ thống'} · từ {formatNumber(d.poolSize)} đơn vị:{' '}
                <b>{d.chosen.map((c) => c.unitName).join('; ')}</b>
              </span>
              <Typography.Text type="secondary" copyable={{ text: d.seed }}>
                Hạt giống {d.seed} · {d.reproducible ? 'bốc lại cho cùng kết quả' : 'KHÔNG khớp khi bốc lại'}
              </Typography.Text>
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}
