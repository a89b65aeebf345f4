import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Drawer,
  Form,
  Input,
  InputNumber,
  Modal,
  Progress,
  Row,
  Segmented,
  Select,
  Space,
  Statistic,
  Table,
  Tabs,
  Tag,
  Tooltip,
  Typography,
  Upload,
} from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import type { Schemas, operations } from '@cchc/api-client';
import { api, errorMessage, queryClient, unwrap, uploadWithProgress, urlFor, upload, uploadForm } from '../../lib/api';
import { formatDate, formatDateTime, formatNumber } from '../../lib/format';
import { useSession } from '../../lib/session';
import { Chart } from '../../components/Chart';

type Row = Schemas['DossierStatsRow'];
type GroupBy = 'unit' | 'procedure' | 'sector' | 'channel' | 'month' | 'official';
type ImportReply = Schemas['DossierImportReply'];
type Index766 = Schemas['Index766'];

const pct = (a: number, b: number) => (b ? Math.round((a / b) * 1000) / 10 : 0);
const GROUPS: { value: GroupBy; label: string }[] = [
  { value: 'unit', label: 'Đơn vị' },
  { value: 'procedure', label: 'Thủ tục' },
  { value: 'sector', label: 'Lĩnh vực (mã)' },
  { value: 'channel', label: 'Kênh' },
  { value: 'month', label: 'Tháng' },
  { value: 'official', label: 'Cán bộ' },
];

function useRange() {
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs().startOf('year'), dayjs()]);
  return { range, setRange, from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD') };
}

const IMPORT_TAG: Record<string, string> = { running: 'processing', done: 'success', interrupted: 'warning', refused: 'error' };

/** The latest imports, so an import a crash interrupted is seen (and run again) rather than trusted. */
function ImportHistory() {
  const [page, setPage] = useState(1);
  const q = useQuery({
    queryKey: ['dossiers', 'imports', page],
    queryFn: () => unwrap(api.GET('/api/dossiers/imports', { params: { query: { limit: 5, offset: (page - 1) * 5 } } })),
  });
  if (!q.data?.total) return null;
  return (
    <Card size="small" title="Các lần nhập gần đây">
      <Table
        size="small"
        rowKey="id"
        loading={q.isLoading}
        dataSource={q.data.rows}
        scroll={{ x: 720 }}
        pagination={{ current: page, pageSize: 5, total: q.data.total, onChange: setPage, hideOnSinglePage: true, showSizeChanger: false }}
        columns={[
          { title: 'Bắt đầu', dataIndex: 'startedAt', width: 150, render: (v: string) => formatDateTime(v) },
          { title: 'Tệp', dataIndex: 'filename', ellipsis: true },
          { title: 'Người nhập', dataIndex: 'userName', width: 160, render: (v: string | null) => v ?? 'Hệ thống' },
          {
            title: 'Trạng thái',
            dataIndex: 'status',
            width: 170,
            render: (v: string, r) => (
              <Tooltip title={r.statusLabel}>
                <Tag color={IMPORT_TAG[v]}>{r.statusLabel.split(' (')[0]}</Tag>
              </Tooltip>
            ),
          },
          { title: 'Đã đọc', dataIndex: 'rowsRead', align: 'right', width: 90, render: (v: number) => formatNumber(v) },
          {
            title: 'Thêm / cập nhật',
            width: 130,
            align: 'right',
            render: (_: unknown, r) => `${formatNumber(r.inserted)} / ${formatNumber(r.updated)}`,
          },
          { title: 'Bị loại', dataIndex: 'rejected', align: 'right', width: 80, render: (v: number) => formatNumber(v) },
        ]}
      />
    </Card>
  );
}

export function DossiersPage() {
  const { can } = useSession();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'overview';
  return (
    <>
      <Typography.Title level={3} className="page-title">
        Hồ sơ thủ tục hành chính
      </Typography.Title>
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams({ tab: k }, { replace: true })}
        items={[
          { key: 'overview', label: 'Tình hình giải quyết', children: <Overview /> },
          { key: 'causes', label: 'Nguyên nhân trễ hạn', children: <Causes /> },
          { key: '766', label: 'Bộ chỉ số 766', children: <Index766Tab /> },
          ...(can('dossier.import') ? [{ key: 'import', label: 'Nhập dữ liệu', children: <ImportTab /> }] : []),
        ]}
      />
    </>
  );
}

function Overview() {
  const { unitCode, me } = useSession();
  const { range, setRange, from, to } = useRange();
  const [groupBy, setGroupBy] = useState<GroupBy>('unit');
  const [asOf, setAsOf] = useState<Dayjs>(dayjs());
  const [drill, setDrill] = useState<{ key: string; label: string; outcome?: 'late' | 'open_overdue' } | null>(null);
  const unit = unitCode === me.provinceCode ? undefined : unitCode;
  const query = { from, to, groupBy, asOf: asOf.format('YYYY-MM-DD'), unit };
  const q = useQuery({
    queryKey: ['dossiers', 'stats', query],
    queryFn: () => unwrap(api.GET('/api/dossiers/stats', { params: { query } })),
  });
  const monthly = useQuery({
    queryKey: ['dossiers', 'stats', { ...query, groupBy: 'month' }],
    queryFn: () => unwrap(api.GET('/api/dossiers/stats', { params: { query: { ...query, groupBy: 'month' } } })),
  });
  const rows = q.data ?? [];
  const t = rows.reduce(
    (a, r) => ({
      received: a.received + r.received,
      resolved: a.resolved + r.resolved,
      good: a.good + r.early + r.onTime,
      late: a.late + r.late,
      openOverdue: a.openOverdue + r.openOverdue,
      online: a.online + r.online,
      apologies: a.apologies + r.apologies,
      compliant: a.compliant + r.apologyCompliant,
      missing: a.missing + r.apologyMissing,
    }),
    { received: 0, resolved: 0, good: 0, late: 0, openOverdue: 0, online: 0, apologies: 0, compliant: 0, missing: 0 },
  );
  const m = monthly.data ?? [];
  const drillFilter = drill
    ? groupBy === 'unit'
      ? { unit: drill.key }
      : groupBy === 'procedure'
        ? { procedure: drill.key }
        : groupBy === 'official'
          ? { official: drill.key }
          : {}
    : {};
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card size="small">
        <Space wrap>
          <span>Tiếp nhận</span>
          <DatePicker.RangePicker
            format="DD/MM/YYYY"
            value={range}
            allowClear={false}
            onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])}
          />
          <span>tính đến</span>
          <DatePicker format="DD/MM/YYYY" value={asOf} allowClear={false} onChange={(d) => d && setAsOf(d)} />
          <Segmented value={groupBy} onChange={(v) => setGroupBy(v as GroupBy)} options={GROUPS} />
          <Button icon={<DownloadOutlined />} href={urlFor('/api/dossiers/stats.xlsx', { query })}>
            XLSX
          </Button>
          <Tooltip title="Hồ sơ nhận giải quyết trong kỳ (kể cả kỳ trước chuyển qua), đã giải quyết và đang giải quyết theo đơn vị; hồ sơ quá hạn theo nguyên nhân">
            <Button icon={<DownloadOutlined />} href={urlFor('/api/dossiers/period-report.xlsx', { query: { from, to, unit } })}>
              Báo cáo mẫu 06, 07
            </Button>
          </Tooltip>
        </Space>
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={12} md={6} xl={4}>
          <Card>
            <Statistic groupSeparator="." title="Tiếp nhận" value={t.received} />
          </Card>
        </Col>
        <Col xs={12} md={6} xl={4}>
          <Card>
            <Statistic groupSeparator="." title="Đã giải quyết" value={t.resolved} />
          </Card>
        </Col>
        <Col xs={12} md={6} xl={4}>
          <Card>
            <Statistic decimalSeparator="," title="Đúng hạn (kể cả trước hạn)" value={pct(t.good, t.resolved)} suffix="%" />
          </Card>
        </Col>
        <Col xs={12} md={6} xl={4}>
          <Card>
            <Statistic groupSeparator="." title="Trễ hạn" value={t.late} styles={{ content: { color: t.late ? '#cf1322' : undefined } }} />
          </Card>
        </Col>
        <Col xs={12} md={6} xl={4}>
          <Card>
            <Statistic
              groupSeparator="."
              title="Quá hạn chưa giải quyết"
              value={t.openOverdue}
              styles={{ content: { color: t.openOverdue ? '#cf1322' : undefined } }}
            />
          </Card>
        </Col>
        <Col xs={12} md={6} xl={4}>
          <Card>
            <Statistic decimalSeparator="," title="Thư xin lỗi đúng quy định" value={pct(t.compliant, t.apologies)} suffix="%" />
            <Typography.Text type="danger">{t.missing} hồ sơ thiếu thư xin lỗi</Typography.Text>
          </Card>
        </Col>
      </Row>
      <Card size="small" title="Theo tháng tiếp nhận">
        <Chart
          height={260}
          option={{
            tooltip: { trigger: 'axis' },
            legend: { bottom: 0 },
            grid: { left: 50, right: 10, top: 10, bottom: 40 },
            xAxis: { type: 'category', data: m.map((r) => `${r.key.slice(5)}/${r.key.slice(0, 4)}`) },
            yAxis: { type: 'value' },
            series: [
              { name: 'Trước hạn', type: 'bar', stack: 'a', data: m.map((r) => r.early), itemStyle: { color: '#389e0d' } },
              { name: 'Đúng hạn', type: 'bar', stack: 'a', data: m.map((r) => r.onTime), itemStyle: { color: '#95de64' } },
              { name: 'Trễ hạn', type: 'bar', stack: 'a', data: m.map((r) => r.late), itemStyle: { color: '#cf1322' } },
              { name: 'Đang giải quyết', type: 'bar', stack: 'a', data: m.map((r) => r.open), itemStyle: { color: '#91caff' } },
            ],
          }}
        />
      </Card>
      <Card size="small">
        <Table<Row>
          size="small"
          rowKey="key"
          loading={q.isPending}
          dataSource={rows}
          scroll={{ x: 1100 }}
          pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
          columns={[
            {
              title: GROUPS.find((g) => g.value === groupBy)!.label,
              dataIndex: 'key',
              width: 260,
              render: (k: string, r) => (
                <a onClick={() => setDrill({ key: k, label: r.label ?? k })}>
                  {r.label ? `${r.label}` : k}
                  {r.label && groupBy !== 'unit' && <Typography.Text type="secondary"> {k}</Typography.Text>}
                </a>
              ),
            },
            { title: 'Tiếp nhận', dataIndex: 'received', width: 90, sorter: (a, b) => a.received - b.received },
            { title: 'Đã giải quyết', dataIndex: 'resolved', width: 100 },
            { title: 'Trước hạn', dataIndex: 'early', width: 90 },
            { title: 'Đúng hạn', dataIndex: 'onTime', width: 90 },
            {
              title: 'Trễ hạn',
              dataIndex: 'late',
              width: 80,
              sorter: (a, b) => a.late - b.late,
              render: (v: number, r) =>
                v ? (
                  <a
                    className="drill-late"
                    style={{ color: '#cf1322' }}
                    onClick={() => setDrill({ key: r.key, label: r.label ?? r.key, outcome: 'late' })}
                  >
                    {v}
                  </a>
                ) : (
                  0
                ),
            },
            {
              title: 'Quá hạn đang giải quyết',
              dataIndex: 'openOverdue',
              width: 110,
              sorter: (a, b) => a.openOverdue - b.openOverdue,
              defaultSortOrder: 'descend',
              render: (v: number, r) =>
                v ? (
                  <a
                    className="drill-late"
                    style={{ color: '#cf1322' }}
                    onClick={() => setDrill({ key: r.key, label: r.label ?? r.key, outcome: 'open_overdue' })}
                  >
                    {v}
                  </a>
                ) : (
                  0
                ),
            },
            {
              title: 'Tỷ lệ đúng hạn',
              width: 110,
              sorter: (a, b) => pct(a.early + a.onTime, a.resolved) - pct(b.early + b.onTime, b.resolved),
              render: (_, r) => `${pct(r.early + r.onTime, r.resolved).toLocaleString('vi-VN')} %`,
            },
            { title: 'Trực tuyến', width: 90, render: (_, r) => `${pct(r.online, r.received).toLocaleString('vi-VN')} %` },
            {
              title: 'Ngày giải quyết TB',
              dataIndex: 'avgDays',
              width: 100,
              render: (v: number | null) => v?.toLocaleString('vi-VN') ?? '—',
            },
            {
              title: 'Xin lỗi đúng / thiếu',
              width: 110,
              render: (_, r) => (
                <>
                  {r.apologyCompliant}/{r.apologies} ·{' '}
                  <Typography.Text type={r.apologyMissing ? 'danger' : undefined}>{r.apologyMissing}</Typography.Text>
                </>
              ),
            },
          ]}
        />
      </Card>
      <Drawer
        open={!!drill}
        onClose={() => setDrill(null)}
        size={900}
        title={
          drill &&
          `${drill.label}${drill.outcome === 'late' ? ' – hồ sơ trễ hạn' : drill.outcome === 'open_overdue' ? ' – quá hạn đang giải quyết' : ''}`
        }
      >
        {drill && <DossierList query={{ from, to, asOf: asOf.format('YYYY-MM-DD'), unit, ...drillFilter, outcome: drill.outcome }} />}
      </Drawer>
    </Space>
  );
}

type ListQuery = operations['listDossiers']['parameters']['query'];

function DossierList({ query }: { query: Omit<ListQuery, 'limit' | 'offset'> }) {
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<string | null>(null);
  const q = useQuery({
    queryKey: ['dossiers', 'list', query, page],
    queryFn: () => unwrap(api.GET('/api/dossiers', { params: { query: { ...query, limit: 20, offset: (page - 1) * 20 } } })),
  });
  return (
    <>
      <Table
        size="small"
        rowKey="id"
        loading={q.isPending}
        dataSource={q.data?.rows ?? []}
        scroll={{ x: 800 }}
        pagination={{
          current: page,
          pageSize: 20,
          total: q.data?.total ?? 0,
          onChange: setPage,
          showSizeChanger: false,
          showTotal: (n) => `${n} hồ sơ`,
        }}
        onRow={(r) => ({ onClick: () => setOpen(r.code), style: { cursor: 'pointer' } })}
        columns={[
          {
            title: 'Mã hồ sơ',
            dataIndex: 'code',
            width: 120,
            render: (c: string, r) => (
              <>
                {c} {r.flagged && <Tag color="orange">cần xem lại</Tag>}
              </>
            ),
          },
          {
            title: 'Thủ tục',
            dataIndex: 'procedureName',
            render: (n: string | null, r) => (
              <Typography.Text ellipsis style={{ maxWidth: 260 }}>
                {n ?? r.procedureCode}
              </Typography.Text>
            ),
          },
          { title: 'Tiếp nhận', dataIndex: 'receivedAt', width: 130, render: formatDateTime },
          { title: 'Hạn', dataIndex: 'dueDate', width: 95, render: formatDate },
          { title: 'Kết thúc', dataIndex: 'finishedAt', width: 130, render: formatDateTime },
          {
            title: 'Kết quả',
            dataIndex: 'outcomeLabel',
            width: 150,
            render: (l: string, r) => (
              <Tag color={r.outcome === 'late' || r.outcome === 'open_overdue' ? 'red' : r.outcome === 'open' ? 'blue' : 'green'}>{l}</Tag>
            ),
          },
          {
            title: 'Xin lỗi',
            dataIndex: 'apology',
            width: 100,
            render: (a: string) =>
              (
                ({
                  compliant: <Tag color="green">đúng hạn</Tag>,
                  late: <Tag color="orange">muộn</Tag>,
                  missing: <Tag color="red">thiếu</Tag>,
                }) as Record<string, React.ReactNode>
              )[a] ?? '',
          },
          { title: 'Cán bộ', dataIndex: 'official', width: 140 },
        ]}
      />
      <Modal open={!!open} onCancel={() => setOpen(null)} footer={null} width={760} title={`Hồ sơ ${open ?? ''}`}>
        {open && <DossierDetail code={open} />}
      </Modal>
    </>
  );
}

function DossierDetail({ code }: { code: string }) {
  const q = useQuery({
    queryKey: ['dossier', code],
    queryFn: () => unwrap(api.GET('/api/dossiers/{code}', { params: { path: { code } } })),
  });
  const d = q.data;
  if (!d) return null;
  return (
    <>
      <Descriptions
        size="small"
        column={2}
        bordered
        items={[
          { key: 'p', label: 'Thủ tục', children: `${d.procedureCode} ${d.procedureName ?? ''}`, span: 2 },
          { key: 'r', label: 'Tiếp nhận', children: formatDateTime(d.receivedAt) },
          { key: 'k', label: 'Kênh', children: ['', 'Trực tiếp', 'Trực tuyến', 'Bưu chính'][d.channel] },
          { key: 'h', label: 'Hạn giải quyết', children: formatDate(d.dueDate) },
          { key: 'e', label: 'Kết thúc', children: formatDateTime(d.finishedAt) || '—' },
          { key: 's', label: 'Bổ sung', children: d.supplements ? `${d.supplementCount} lần: ${d.supplements}` : 'không' },
          { key: 'o', label: 'Kết quả', children: d.outcomeLabel },
          {
            key: 'a',
            label: 'Thư xin lỗi',
            children: d.apologyAt ? `${formatDateTime(d.apologyAt)} (hạn gửi ${formatDate(d.apologyDeadline)})` : '—',
          },
          { key: 'c', label: 'Cán bộ', children: d.official ?? '—' },
          { key: 'n', label: 'Nguyên nhân trễ', children: d.lateCause ?? '—', span: 2 },
        ]}
      />
      {d.flagged && (
        <Alert
          style={{ marginTop: 12 }}
          type="warning"
          showIcon
          title="Thời điểm kết thúc đã bị thay đổi sau khi hồ sơ đóng: cần xem lại (ảnh hưởng xếp hạng)."
        />
      )}
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        Lịch sử thay đổi qua các lần nhập
      </Typography.Title>
      <Table
        size="small"
        rowKey="changedAt"
        pagination={false}
        dataSource={d.history}
        locale={{ emptyText: 'Chưa thay đổi' }}
        columns={[
          { title: 'Thời điểm', dataIndex: 'changedAt', render: formatDateTime, width: 130 },
          { title: 'Tệp', dataIndex: 'filename', width: 140 },
          {
            title: 'Trước → sau',
            render: (_, h) => (
              <code style={{ fontSize: 11 }}>
                {JSON.stringify(h.before)} → {JSON.stringify(h.after)}
              </code>
            ),
          },
        ]}
      />
    </>
  );
}

function Causes() {
  const { unitCode, me } = useSession();
  const { range, setRange, from, to } = useRange();
  const unit = unitCode === me.provinceCode ? undefined : unitCode;
  const q = useQuery({
    queryKey: ['dossiers', 'causes', from, to, unit],
    queryFn: () => unwrap(api.GET('/api/dossiers/late-causes', { params: { query: { from, to, unit } } })),
  });
  const rows = q.data ?? [];
  // Judged as of today on the server (the default), like the late causes above.
  const breaches = useQuery({
    queryKey: ['dossiers', 'apologies', from, to, unit],
    queryFn: () => unwrap(api.GET('/api/dossiers/apologies', { params: { query: { from, to, unit } } })),
  });
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card
        size="small"
        title={
          <Space>
            Hồ sơ trễ hạn theo nhóm nguyên nhân{' '}
            <DatePicker.RangePicker
              format="DD/MM/YYYY"
              value={range}
              allowClear={false}
              onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])}
            />
          </Space>
        }
      >
        <Chart
          height={300}
          option={{
            tooltip: { trigger: 'item' },
            legend: { bottom: 0 },
            series: [
              {
                type: 'pie',
                radius: ['35%', '65%'],
                data: rows.map((r) => ({ name: r.category, value: r.count })),
                label: {
                  formatter: (p) =>
                    `${p.name}: ${formatNumber(Number(p.value))} (${(p.percent ?? 0).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} %)`,
                },
              },
            ],
          }}
        />
      </Card>
      <Card
        size="small"
        title="Vi phạm về thư xin lỗi (Thông tư 03/2025/TT-VPCP, mẫu 04)"
        extra={
          <Button size="small" icon={<DownloadOutlined />} href={urlFor('/api/dossiers/apologies.xlsx', { query: { from, to, unit } })}>
            XLSX
          </Button>
        }
      >
        <Typography.Paragraph type="secondary">
          Thư xin lỗi phải gửi trước ngày hẹn trả ít nhất 1 ngày làm việc và chỉ được hẹn lại một lần. Thiếu: hồ sơ trễ hạn hoặc quá hạn
          chưa có thư; gửi muộn: thư gửi sau thời hạn đó; hẹn lại lần hai: thư gửi lại với ngày khác, hoặc hồ sơ trễ cả ngày hẹn mới.
        </Typography.Paragraph>
        <Table
          size="small"
          rowKey="key"
          loading={breaches.isPending}
          dataSource={breaches.data ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 600 }}
          locale={{ emptyText: 'Không có vi phạm về thư xin lỗi trong khoảng này.' }}
          columns={[
            { title: 'Đơn vị', render: (_, r) => r.label ?? r.key },
            {
              title: 'Thiếu thư xin lỗi',
              dataIndex: 'missing',
              width: 140,
              sorter: (a, b) => a.missing - b.missing,
              render: (v: number) => <Typography.Text type={v ? 'danger' : undefined}>{formatNumber(v)}</Typography.Text>,
            },
            {
              title: 'Gửi muộn',
              dataIndex: 'sentLate',
              width: 110,
              sorter: (a, b) => a.sentLate - b.sentLate,
              render: (v: number) => formatNumber(v),
            },
            {
              title: 'Hẹn lại lần hai',
              dataIndex: 'repeated',
              width: 130,
              sorter: (a, b) => a.repeated - b.repeated,
              render: (v: number) => formatNumber(v),
            },
          ]}
        />
      </Card>
    </Space>
  );
}

/** What each figure behind a 766 indicator counts (the API keys them in short form). */
const DATA_LABELS: Record<string, string> = {
  dungHan: 'đúng hạn',
  ketThucTrongKy: 'kết thúc trong kỳ',
  conMoQuaHan: 'còn mở, quá hạn cuối kỳ',
  soHoa: 'số hoá',
  coThongTin: 'có thông tin',
  ketQuaDienTu: 'có kết quả điện tử',
  trucTuyen: 'nộp trực tuyến',
  tiepNhan: 'tiếp nhận',
  thanhToanTrucTuyen: 'thanh toán trực tuyến',
  ketThuc: 'kết thúc',
  treHan: 'trễ hạn',
};

function Index766Tab() {
  const { unitCode, can } = useSession();
  const { message } = App.useApp();
  const [period, setPeriod] = useState<Dayjs>(dayjs().subtract(1, 'month'));
  const [entering, setEntering] = useState(false);
  const p = period.format('YYYY-MM');
  const q = useQuery({
    queryKey: ['dossiers', '766', unitCode, p],
    queryFn: () => unwrap(api.GET('/api/indices/766', { params: { query: { unit: unitCode, period: p } } })),
  });
  const save = useMutation({
    mutationFn: (v: { source: string; G1?: number; G2?: number; G3?: number; G4?: number; G5?: number }) =>
      unwrap(
        api.PUT('/api/indices/766/official', {
          body: {
            unit: unitCode,
            period: p,
            source: v.source,
            groups: (['G1', 'G2', 'G3', 'G4', 'G5'] as const)
              .filter((g) => v[g] !== undefined && v[g] !== null)
              .map((g) => ({ code: g, points: v[g]! })),
          },
        }),
      ),
    onSuccess: () => {
      message.success('Đã lưu điểm chính thức');
      setEntering(false);
      void queryClient.invalidateQueries({ queryKey: ['dossiers', '766'] });
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  const d: Index766 | undefined = q.data;
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card size="small">
        <Space wrap>
          <span>Kỳ</span>
          <DatePicker picker="month" format="MM/YYYY" value={period} allowClear={false} onChange={(v) => v && setPeriod(v)} />
          <Typography.Text>
            Đơn vị: <b>{d?.unitName ?? '…'}</b> (chọn ở ô đơn vị phía trên)
          </Typography.Text>
          {can('dossier.official766') && <Button onClick={() => setEntering(true)}>Nhập điểm chính thức</Button>}
        </Space>
      </Card>
      {d && (
        <>
          <Alert
            type="info"
            showIcon
            title={`Tính được ${d.total.toLocaleString('vi-VN')} / ${d.computedMax.toLocaleString('vi-VN')} điểm của các chỉ tiêu có dữ liệu (tổng thang 100).`}
            description={d.assumption}
          />
          {d.groups.map((g) => (
            <Card
              key={g.code}
              size="small"
              title={
                <Space wrap>
                  {g.code} {g.name}{' '}
                  <Tag>
                    {g.points === null
                      ? 'chưa tính được'
                      : `${g.points.toLocaleString('vi-VN')} / ${g.computedMax.toLocaleString('vi-VN')} điểm tính được`}
                  </Tag>
                  <span>tối đa {g.max}</span>
                  {g.official !== null && (
                    <Tag color="purple">
                      chính thức {g.official.toLocaleString('vi-VN')} (chênh {g.difference?.toLocaleString('vi-VN') ?? '—'})
                    </Tag>
                  )}
                </Space>
              }
            >
              <Table
                size="small"
                rowKey="code"
                pagination={false}
                dataSource={g.indicators}
                scroll={{ x: 800 }}
                columns={[
                  {
                    title: 'Chỉ tiêu',
                    dataIndex: 'name',
                    render: (n: string, i) => (
                      <>
                        {i.code} {n}
                      </>
                    ),
                  },
                  {
                    title: 'Tỷ lệ',
                    dataIndex: 'rate',
                    width: 90,
                    render: (r: number | null) => (r === null ? '—' : `${r.toLocaleString('vi-VN')} %`),
                  },
                  {
                    title: 'Điểm',
                    width: 110,
                    render: (_, i) =>
                      i.points === null ? <Tag>không tính</Tag> : `${i.points.toLocaleString('vi-VN')} / ${i.max.toLocaleString('vi-VN')}`,
                  },
                  {
                    title: 'Công thức, dữ liệu',
                    render: (_, i) => (
                      <>
                        <div>{i.formula}</div>
                        {i.data && (
                          <Typography.Text type="secondary">
                            {Object.entries(i.data)
                              .map(([k, v]) => `${DATA_LABELS[k] ?? k}: ${formatNumber(v)}`)
                              .join(' · ')}
                          </Typography.Text>
                        )}
                        {i.reason && <Typography.Text type="warning">{i.reason}</Typography.Text>}
                      </>
                    ),
                  },
                ]}
              />
            </Card>
          ))}
        </>
      )}
      <Modal open={entering} title={`Điểm 766 chính thức kỳ ${period.format('MM/YYYY')}`} onCancel={() => setEntering(false)} footer={null}>
        <Form layout="vertical" onFinish={(v) => save.mutate(v)}>
          <Space wrap>
            {(['G1', 'G2', 'G3', 'G4', 'G5'] as const).map((g) => (
              <Form.Item key={g} name={g} label={g}>
                <InputNumber min={0} max={22} step={0.01} />
              </Form.Item>
            ))}
          </Space>
          <Form.Item name="source" label="Nguồn (trang, ngày chụp)" rules={[{ required: true, message: 'Ghi nguồn của số liệu' }]}>
            <Input />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            Lưu
          </Button>
        </Form>
      </Modal>
    </Space>
  );
}

function ImportTab() {
  const { message } = App.useApp();
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [result, setResult] = useState<ImportReply | null>(null);
  const [mappingId, setMappingId] = useState<number | undefined>();
  const [mapping, setMapping] = useState<{ headers: string[]; fields: string[]; suggested: Record<string, string> } | null>(null);
  const [draft, setDraft] = useState<Record<string, string>>({});
  const [name, setName] = useState('');
  const mappings = useQuery({ queryKey: ['dossiers', 'mappings'], queryFn: () => unwrap(api.GET('/api/dossiers/mappings')) });
  const run = useMutation({
    mutationFn: async () => {
      setProgress(0);
      return uploadWithProgress('/api/dossiers/imports', uploadForm(file!, file!.name, { mappingId }), setProgress);
    },
    onSuccess: (r) => {
      setResult(r);
      void queryClient.invalidateQueries({ queryKey: ['dossiers'] });
    },
    onError: (e) => message.error(errorMessage(e)),
    onSettled: () => setProgress(null),
  });
  const readHeaders = useMutation({
    mutationFn: async () => {
      return upload('/api/dossiers/imports/headers', uploadForm(file!, file!.name));
    },
    onSuccess: (h) => {
      setMapping(h);
      setDraft(h.suggested);
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  const saveMapping = useMutation({
    mutationFn: () => unwrap(api.POST('/api/dossiers/mappings', { body: { name, mapping: draft } })),
    onSuccess: (r) => {
      message.success('Đã lưu ánh xạ cột');
      setMappingId(r.id);
      setMapping(null);
      void queryClient.invalidateQueries({ queryKey: ['dossiers', 'mappings'] });
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card size="small" title="Nhập hồ sơ từ phần mềm một cửa (CSV UTF-8 hoặc XLSX)">
        <Typography.Paragraph type="secondary">
          Cột chuẩn: ma_ho_so, ma_tthc, ten_tthc, ma_don_vi, kenh, ngay_tiep_nhan, ngay_hen_tra, ngay_ket_thuc, trang_thai, thoi_han,
          don_vi_thoi_han, bo_sung, ngay_xin_loi, ngay_hen_tra_moi, can_bo_xu_ly, nguyen_nhan_tre_han, thanh_toan_truc_tuyen, ho_so_so_hoa,
          ket_qua_dien_tu. Nhập lại cùng tệp không tạo bản ghi trùng; dòng lỗi được liệt kê, dòng đúng vẫn được nhập.
        </Typography.Paragraph>
        <Space wrap>
          <Upload
            accept=".csv,.xlsx"
            maxCount={1}
            beforeUpload={(f) => {
              setFile(f);
              setResult(null);
              return false;
            }}
            onRemove={() => setFile(null)}
          >
            <Button icon={<UploadOutlined />}>Chọn tệp</Button>
          </Upload>
          <Select
            allowClear
            placeholder="Cột theo mẫu chuẩn"
            style={{ width: 240 }}
            value={mappingId}
            onChange={setMappingId}
            options={(mappings.data ?? []).map((m) => ({ value: m.id, label: `Ánh xạ: ${m.name}` }))}
          />
          <Button disabled={!file} loading={readHeaders.isPending} onClick={() => readHeaders.mutate()}>
            Ánh xạ cột mới…
          </Button>
          <Button type="primary" disabled={!file} loading={run.isPending} onClick={() => run.mutate()}>
            Nhập
          </Button>
        </Space>
        {progress !== null && (
          <Progress
            style={{ marginTop: 12 }}
            percent={progress}
            status="active"
            format={(p) => (p === 100 ? 'Đang xử lý…' : `${p}% đã tải lên`)}
          />
        )}
      </Card>
      {mapping && (
        <Card size="small" title="Ánh xạ cột của tệp sang mẫu chuẩn">
          <Table
            size="small"
            rowKey={(f) => f}
            pagination={false}
            dataSource={mapping.fields}
            columns={[
              { title: 'Cột chuẩn', render: (f: string) => <code>{f}</code>, width: 220 },
              {
                title: 'Cột trong tệp',
                render: (f: string) => (
                  <Select
                    allowClear
                    style={{ width: 280 }}
                    value={draft[f]}
                    onChange={(v) =>
                      setDraft((d) => {
                        const n = { ...d };
                        if (v) n[f] = v;
                        else delete n[f];
                        return n;
                      })
                    }
                    options={mapping.headers.map((h) => ({ value: h, label: h }))}
                  />
                ),
              },
            ]}
          />
          <Space style={{ marginTop: 12 }}>
            <Input placeholder="Tên ánh xạ, ví dụ: VNPT iGate" value={name} onChange={(e) => setName(e.target.value)} />
            <Button type="primary" disabled={!name.trim()} onClick={() => saveMapping.mutate()}>
              Lưu ánh xạ
            </Button>
          </Space>
        </Card>
      )}
      <ImportHistory />
      {result && (
        <Card size="small" title="Kết quả nhập">
          <Row gutter={16}>
            {(
              [
                ['Thêm mới', result.inserted],
                ['Cập nhật', result.updated],
                ['Không đổi', result.unchanged],
                ['Bị loại', result.rejected],
                ['Cần xem lại', result.flagged],
              ] as const
            ).map(([l, v]) => (
              <Col key={l} xs={12} md={4}>
                <Statistic groupSeparator="." title={l} value={v} />
              </Col>
            ))}
          </Row>
          {result.errorsTotal > 0 && (
            <>
              <Space style={{ margin: '12px 0' }}>
                <Typography.Text type="danger">
                  {result.errorsTotal} lỗi{result.errorsTotal > result.errors.length ? ` (hiển thị ${result.errors.length})` : ''}
                </Typography.Text>
                <Button
                  size="small"
                  icon={<DownloadOutlined />}
                  href={urlFor('/api/dossiers/imports/{id}/errors.xlsx', { path: { id: result.importId } })}
                >
                  Tải báo cáo đầy đủ
                </Button>
              </Space>
              <Table
                size="small"
                rowKey={(e) => `${e.row}-${e.field}-${e.message}`}
                dataSource={result.errors}
                pagination={{ pageSize: 20, hideOnSinglePage: true }}
                columns={[
                  { title: 'Dòng', dataIndex: 'row', width: 70 },
                  { title: 'Cột', dataIndex: 'field', width: 150 },
                  { title: 'Lý do', dataIndex: 'message' },
                ]}
              />
            </>
          )}
        </Card>
      )}
    </Space>
  );
}
