/** The public page of published survey results: overall, by aspect and by unit, with margins and the number of forms. */
import { useState } from 'react';
import { Card, List, Space, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../lib/api';
import { formatDate, formatNumber } from '../../lib/format';
import { margin, share } from './common';

interface Figure {
  n: number;
  satisfiedShare: number | null;
  mean: number | null;
  marginOfError: number | null;
  reliable?: boolean;
}
interface PublishedSummary {
  id: number;
  name: string;
  periodFrom: string;
  periodTo: string;
  valid: number;
  overall: Figure & { definition: string };
  weighted: { satisfiedShare: number | null; marginOfError: number | null } | null;
}
interface PublishedResults extends PublishedSummary {
  minValid: number;
  aspects: (Figure & { id: string; label: string })[];
  perUnit: (Figure & { unitCode: string; unitName: string })[];
}

export function PublicSurveysPage() {
  const [open, setOpen] = useState<number | null>(null);
  const list = useQuery({
    queryKey: ['public', 'surveys'],
    queryFn: async () => (await unwrap(api.GET('/api/public/survey-results'))) as PublishedSummary[],
  });
  const chosen = open ?? list.data?.[0]?.id ?? null;
  const one = useQuery({
    queryKey: ['public', 'survey', chosen],
    enabled: chosen !== null,
    queryFn: async () =>
      (await unwrap(api.GET('/api/public/survey-results/{id}', { params: { path: { id: chosen! } } }))) as PublishedResults,
  });
  const r = one.data;
  return (
    <main style={{ maxWidth: 960, margin: '0 auto', padding: 16 }}>
      <Typography.Title level={2}>Kết quả khảo sát sự hài lòng của người dân</Typography.Title>
      <Typography.Paragraph>
        Người trả lời được chọn ngẫu nhiên từ những người đã giải quyết thủ tục hành chính trong kỳ. Tỷ lệ hài lòng là số câu trả lời “Hài
        lòng” hoặc “Rất hài lòng” trên số câu trả lời hợp lệ; sai số ở mức tin cậy 95 %.
      </Typography.Paragraph>
      <List
        loading={list.isPending}
        dataSource={list.data ?? []}
        locale={{ emptyText: 'Chưa có kết quả khảo sát nào được công bố.' }}
        renderItem={(s) => (
          <List.Item onClick={() => setOpen(s.id)} style={{ cursor: 'pointer' }} actions={[<a key="x">Xem</a>]}>
            <List.Item.Meta
              title={s.name}
              description={`Kỳ ${formatDate(s.periodFrom)} – ${formatDate(s.periodTo)} · ${formatNumber(s.valid)} phiếu hợp lệ · hài lòng ${share(s.weighted?.satisfiedShare ?? s.overall.satisfiedShare)}`}
            />
          </List.Item>
        )}
      />
      {r && (
        <Space direction="vertical" size={12} style={{ width: '100%', marginTop: 16 }}>
          <Card title={r.name}>
            <Typography.Paragraph>
              Tỷ lệ hài lòng chung: <strong>{share(r.overall.satisfiedShare)}</strong> ({margin(r.overall.marginOfError)} điểm %), điểm
              trung bình {r.overall.mean === null ? '—' : formatNumber(r.overall.mean, 2)}/5, {formatNumber(r.valid)} phiếu hợp lệ.
              {r.weighted && ` Tính có trọng số theo số người được phục vụ của từng đơn vị: ${share(r.weighted.satisfiedShare)}.`}
            </Typography.Paragraph>
            <Table
              size="small"
              rowKey="id"
              pagination={false}
              scroll={{ x: 560 }}
              dataSource={r.aspects}
              columns={[
                { title: 'Khía cạnh', dataIndex: 'label' },
                { title: 'Hài lòng', width: 100, align: 'right', render: (_, a) => share(a.satisfiedShare) },
                { title: 'Sai số', width: 90, align: 'right', render: (_, a) => margin(a.marginOfError) },
                { title: 'Người trả lời', width: 120, align: 'right', render: (_, a) => formatNumber(a.n) },
              ]}
            />
          </Card>
          <Card title="Theo cơ quan, đơn vị">
            <Table
              size="small"
              rowKey="unitCode"
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              scroll={{ x: 560 }}
              dataSource={r.perUnit}
              columns={[
                { title: 'Đơn vị', dataIndex: 'unitName' },
                { title: 'Hài lòng', width: 100, align: 'right', render: (_, u) => share(u.satisfiedShare) },
                { title: 'Sai số', width: 90, align: 'right', render: (_, u) => margin(u.marginOfError) },
                { title: 'Phiếu', width: 80, align: 'right', render: (_, u) => formatNumber(u.n) },
                {
                  title: '',
                  width: 150,
                  render: (_, u) => (u.reliable ? null : <Tag color="orange">Chưa đủ {formatNumber(r.minValid)} phiếu</Tag>),
                },
              ]}
            />
          </Card>
        </Space>
      )}
    </main>
  );
}
