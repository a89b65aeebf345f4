/** Tình hình giải quyết: figures, chart and table by the chosen grouping, drill-down to the dossiers. */
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Button, Card, Col, DatePicker, Drawer, Input, Row, Segmented, Space, Statistic, Table, Tooltip, Typography } from 'antd';
import { DownloadOutlined, FilePdfOutlined, FileWordOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { api, unwrap, urlFor } from '../../lib/api';
import { useSession } from '../../lib/session';
import { Chart } from '../../components/Chart';
import { GROUPS, pct, useRange, type GroupBy, type StatsRow } from './common';
import { DossierList } from './DossierList';

export function Overview() {
  const { unitCode, me } = useSession();
  const { range, setRange, from, to } = useRange();
  const [groupBy, setGroupBy] = useState<GroupBy>('unit');
  const [asOf, setAsOf] = useState<Dayjs>(dayjs());
  const [drill, setDrill] = useState<{ key: string; label: string; outcome?: 'late' | 'open_overdue' } | null>(null);
  /** A dossier looked up by (part of) its code, whatever its date. */
  const [code, setCode] = useState('');
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
          <Tooltip title="Báo cáo Sở Nội vụ gửi lãnh đạo tỉnh: kết quả chung, theo kênh, theo đơn vị, thủ tục trễ hạn nhiều nhất, nguyên nhân">
            <Button icon={<FileWordOutlined />} href={urlFor('/api/dossiers/report.docx', { query: { from, to, asOf: query.asOf, unit } })}>
              Báo cáo DOCX
            </Button>
          </Tooltip>
          <Button icon={<FilePdfOutlined />} href={urlFor('/api/dossiers/report.pdf', { query: { from, to, asOf: query.asOf, unit } })}>
            PDF
          </Button>
          <Tooltip title="Hồ sơ nhận giải quyết trong kỳ (kể cả kỳ trước chuyển qua), đã giải quyết và đang giải quyết theo đơn vị; hồ sơ quá hạn theo nguyên nhân">
            <Button icon={<DownloadOutlined />} href={urlFor('/api/dossiers/period-report.xlsx', { query: { from, to, unit } })}>
              Báo cáo mẫu 06, 07
            </Button>
          </Tooltip>
          <Input.Search
            allowClear
            placeholder="Tìm hồ sơ theo mã"
            aria-label="Tìm hồ sơ theo mã"
            style={{ width: 240 }}
            onSearch={(v) => setCode(v.trim())}
          />
        </Space>
      </Card>
      {code && (
        <Card size="small" title={`Hồ sơ có mã chứa "${code}"`} extra={<Button onClick={() => setCode('')}>Đóng</Button>}>
          <DossierList
            query={{ from: '2000-01-01', to: dayjs().format('YYYY-MM-DD'), asOf: dayjs().format('YYYY-MM-DD'), unit, q: code }}
          />
        </Card>
      )}
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
        <Table<StatsRow>
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
