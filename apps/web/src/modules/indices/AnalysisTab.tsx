import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, Button, Card, Col, Grid, List, Popover, Row, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import { DownloadOutlined, FileWordOutlined, FilePdfOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { api, unwrap, urlFor } from '../../lib/api';
import { useSession } from '../../lib/session';
import { Chart } from '../../components/Chart';
import { fmt, missingData, signed, type Analysis, type IndexCode } from './common';
import { MissingData } from './MissingData';

/** "58/63", or "58" when the other provinces' results are not loaded (never "58/1"). */
function rankText(rank: number | null | undefined, fieldSize: number, derived: boolean): string {
  if (!rank) return derived ? 'không xếp hạng' : '—';
  return rank <= fieldSize && fieldSize > 1 ? `${rank}/${fieldSize}` : String(rank);
}

type Component = Analysis['components'][number];

export function AnalysisTab({ index, year }: { index: IndexCode; year: number }) {
  const { me } = useSession();
  const isPhone = !Grid.useBreakpoint().md;
  const [subject, setSubject] = useState<string | undefined>();
  const [peers, setPeers] = useState<string[] | undefined>();
  const query = { index, year, province: me.provinceCode, subject, peers: peers?.length ? peers.join(',') : undefined };
  const a = useQuery({
    queryKey: ['indices', 'analysis', query],
    queryFn: () => unwrap(api.GET('/api/indices/analysis', { params: { query } })),
  });
  const field = useQuery({
    queryKey: ['indices', 'results', index, year],
    queryFn: () => unwrap(api.GET('/api/index-results', { params: { query: { index, year } } })),
  });
  const data = a.data;
  if (!data) return <Card loading />;
  const main = data.main;
  const missing = missingData(data);
  const names = new Map((field.data ?? []).map((r) => [r.provinceCode, r.provinceName.replace(/^(Tỉnh|Thành phố) /, '')]));
  const sorted = [...data.components].filter((c) => c.gapToMedian !== null).sort((x, y) => (x.gapToMedian ?? 0) - (y.gapToMedian ?? 0));

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      {data.scheme?.isExample && (
        <Alert type="warning" showIcon title={`Phương pháp "${data.scheme.name}" là ví dụ, cần Sở Nội vụ chỉnh lại điểm tối đa.`} />
      )}
      {data.parts.length > 1 && (
        <Alert
          type="info"
          showIcon
          title={`Năm ${year}, tỉnh hiện nay gồm ${data.parts.length} tỉnh cũ: ${data.parts.map((p) => p.name.replace(/^Tỉnh /, '')).join(', ')}.`}
          description="Số liệu chung là trung bình cộng của các tỉnh cũ — số liệu suy ra, không phải số công bố. Có thể chọn xem riêng từng tỉnh cũ."
        />
      )}
      <Card size="small">
        <Space wrap>
          <span>Xem</span>
          <Select
            aria-label="Đối tượng phân tích"
            style={{ minWidth: 280 }}
            value={subject ?? (main?.derived ? 'derived' : main?.provinceCode)}
            onChange={(v) => setSubject(v === 'derived' ? undefined : v)}
            options={[
              ...(data.parts.length > 1 ? [{ value: 'derived', label: 'Trung bình các tỉnh cũ (suy ra)' }] : []),
              ...data.parts.map((p) => ({ value: p.provinceCode, label: p.name })),
            ]}
          />
          <span>So sánh với</span>
          <Select
            aria-label="Nhóm so sánh"
            mode="multiple"
            allowClear
            maxTagCount={3}
            placeholder={data.peerGroups.region ? `Cùng vùng: ${data.peerGroups.region.name}` : 'Chọn tỉnh'}
            style={{ minWidth: 300 }}
            value={peers}
            onChange={setPeers}
            options={(field.data ?? []).map((r) => ({ value: r.provinceCode, label: r.provinceName }))}
            optionFilterProp="label"
          />
          <Button size="small" onClick={() => setPeers(data.peerGroups.formerParts)} disabled={!data.peerGroups.formerParts.length}>
            Các tỉnh cũ hợp thành
          </Button>
          <Button size="small" onClick={() => setPeers(undefined)}>
            Cùng vùng
          </Button>
          <Button icon={<DownloadOutlined />} href={urlFor('/api/indices/analysis.xlsx', { query })}>
            XLSX
          </Button>
          <Button icon={<FileWordOutlined />} href={urlFor('/api/indices/briefing.docx', { query })}>
            Báo cáo DOCX
          </Button>
          <Button icon={<FilePdfOutlined />} href={urlFor('/api/indices/briefing.pdf', { query })}>
            PDF
          </Button>
        </Space>
      </Card>
      {!main ? (
        <Alert type="info" showIcon title={`Chưa có kết quả năm ${year} của tỉnh.`} />
      ) : (
        <>
          {missing.noField && <MissingData what="field" year={year} />}
          <Row gutter={[16, 16]}>
            <Col xs={12} md={6}>
              <Card>
                <Statistic
                  groupSeparator="."
                  decimalSeparator=","
                  title={`Điểm ${year}${main.derived ? ' (suy ra)' : ''}`}
                  value={fmt(main.value)}
                />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card>
                <Statistic
                  groupSeparator="."
                  decimalSeparator=","
                  title={main.rank && main.rank > data.fieldSize ? 'Thứ hạng (theo công bố)' : 'Thứ hạng'}
                  value={rankText(main.rank, data.fieldSize, main.derived)}
                />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card>
                <Statistic
                  groupSeparator="."
                  decimalSeparator=","
                  title={`So với ${year - 1}`}
                  value={signed(main.change)}
                  styles={{ content: { color: (main.change ?? 0) < 0 ? '#cf1322' : '#389e0d' } }}
                />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card>
                <Statistic
                  groupSeparator="."
                  decimalSeparator=","
                  title="Cao nhất / trung vị cả nước"
                  value={missing.noField ? '—' : `${fmt(data.best)} / ${fmt(data.median)}`}
                />
              </Card>
            </Col>
          </Row>
          {data.parts.length > 1 && (
            <Card size="small" title="Các tỉnh cũ">
              <Table
                size="small"
                rowKey="provinceCode"
                pagination={false}
                dataSource={data.parts}
                columns={[
                  { title: 'Tỉnh', dataIndex: 'name' },
                  { title: 'Điểm', dataIndex: 'value', render: (v) => fmt(v) },
                  { title: 'Hạng', dataIndex: 'rank', render: (r) => rankText(r, data.fieldSize, false) },
                  { title: `Năm ${year - 1}`, dataIndex: 'previousValue', render: (v) => fmt(v) },
                ]}
              />
            </Card>
          )}
          {sorted[0] && (sorted[0].gapToMedian ?? 0) < 0 && (
            <Alert
              type="error"
              showIcon
              title={`${sorted[0].code} ${sorted[0].name}: thấp hơn trung vị cả nước ${fmt(Math.abs(sorted[0].gapToMedian ?? 0))} điểm; ${sorted[0].tasks.linked} nhiệm vụ liên kết, ${sorted[0].tasks.overdue} quá hạn.`}
              description={sorted[0].tasks.linked === 0 ? 'Chưa có nhiệm vụ nào trong các văn bản chỉ đạo bảo vệ nội dung này.' : undefined}
            />
          )}
          {missing.noComponents ? (
            <MissingData what="components" year={year} />
          ) : (
            <>
              <Card title="Mất điểm ở đâu: chênh lệch so với trung vị cả nước" size="small">
                <Chart
                  height={Math.max(220, sorted.length * 34)}
                  option={{
                    grid: { left: 8, right: 40, top: 10, bottom: 20, containLabel: true },
                    xAxis: { type: 'value', name: 'điểm' },
                    yAxis: {
                      type: 'category',
                      data: sorted.map((c) => (isPhone ? c.code : `${c.code} ${c.name.length > 38 ? c.name.slice(0, 36) + '…' : c.name}`)),
                      inverse: true,
                    },
                    tooltip: { trigger: 'axis' },
                    series: [
                      {
                        type: 'bar',
                        data: sorted.map((c) => ({
                          value: Number((c.gapToMedian ?? 0).toFixed(3)),
                          itemStyle: { color: (c.gapToMedian ?? 0) < 0 ? '#cf1322' : '#389e0d' },
                        })),
                        label: { show: true, position: 'right', formatter: (p: { value: unknown }) => signed(Number(p.value)) },
                      },
                    ],
                  }}
                />
              </Card>
              <Card size="small" title="Theo thành phần">
                <Table<Component>
                  size="small"
                  rowKey="code"
                  pagination={false}
                  scroll={{ x: 1100 }}
                  dataSource={data.components}
                  columns={[
                    { title: 'Mã', dataIndex: 'code', width: 60 },
                    { title: 'Thành phần', dataIndex: 'name', width: 260 },
                    { title: 'Điểm', dataIndex: 'value', width: 80, render: (v) => fmt(v) },
                    { title: 'Hạng', dataIndex: 'rank', width: 70, render: (r) => r ?? '—' },
                    {
                      title: 'Cao nhất',
                      width: 150,
                      render: (_, c) => (
                        <>
                          {fmt(c.best)} <Typography.Text type="secondary">{c.bestKey ? names.get(c.bestKey) : ''}</Typography.Text>
                        </>
                      ),
                    },
                    { title: 'Trung vị', dataIndex: 'median', width: 80, render: (v) => fmt(v) },
                    { title: 'TB nhóm', dataIndex: 'peerMean', width: 80, render: (v) => fmt(v) },
                    {
                      title: 'Chênh trung vị',
                      dataIndex: 'gapToMedian',
                      width: 110,
                      render: (v: number | null) => <Tag color={v === null ? undefined : v < 0 ? 'red' : 'green'}>{signed(v)}</Tag>,
                    },
                    { title: 'Chênh nhóm', dataIndex: 'gapToPeers', width: 100, render: (v: number | null) => signed(v) },
                    { title: 'Chênh cao nhất', dataIndex: 'gapToBest', width: 110, render: (v: number | null) => signed(v) },
                    { title: 'Nhiệm vụ bảo vệ', width: 170, render: (_, c) => <LinkedTasks c={c} /> },
                  ]}
                />
              </Card>
            </>
          )}
        </>
      )}
    </Space>
  );
}

function LinkedTasks({ c }: { c: Component }) {
  if (!c.tasks.linked) return <Typography.Text type="secondary">chưa có</Typography.Text>;
  return (
    <Popover
      title={`Nhiệm vụ bảo vệ ${c.code}`}
      content={
        <List
          size="small"
          style={{ width: 'min(420px, 85vw)', maxHeight: 360, overflow: 'auto' }}
          dataSource={c.tasks.items}
          renderItem={(t) => (
            <List.Item>
              <Link to={t.link}>{t.label}</Link> {t.unitName}:{' '}
              <Tag color={t.status === 'overdue' ? 'red' : t.status.startsWith('done') ? 'green' : 'blue'}>{t.statusLabel}</Tag>
            </List.Item>
          )}
        />
      }
    >
      <a>
        {c.tasks.linked} nhiệm vụ{c.tasks.overdue > 0 && <Typography.Text type="danger">, {c.tasks.overdue} quá hạn</Typography.Text>}
      </a>
    </Popover>
  );
}
