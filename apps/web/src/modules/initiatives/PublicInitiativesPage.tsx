/** The public catalogue of recognised initiatives (and those of other provinces): search, area, details. */
import { useState } from 'react';
import { Card, Input, List, Modal, Select, Space, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../lib/api';
import { formatDate, formatNumber } from '../../lib/format';
import { AREA_OPTIONS } from './common';

export function PublicInitiativesPage() {
  const [q, setQ] = useState('');
  const [area, setArea] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<number | null>(null);
  const query = { q: q || undefined, area, limit: 10, offset: (page - 1) * 10 };
  const list = useQuery({
    queryKey: ['public', 'initiatives', query],
    queryFn: () => unwrap(api.GET('/api/public/initiatives', { params: { query } })),
  });
  const one = useQuery({
    queryKey: ['public', 'initiative', open],
    enabled: open !== null,
    queryFn: () => unwrap(api.GET('/api/public/initiatives/{id}', { params: { path: { id: open! } } })),
  });
  return (
    <main style={{ maxWidth: 900, margin: '0 auto', padding: 16 }}>
      <Typography.Title level={2}>Sáng kiến cải cách hành chính</Typography.Title>
      <Typography.Paragraph>
        Các sáng kiến, giải pháp cải cách hành chính đã được công nhận và đang áp dụng, để các cơ quan, đơn vị học hỏi, nhân rộng.
      </Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          placeholder="Tìm theo tên, đơn vị, tỉnh"
          onSearch={(v) => (setQ(v.trim()), setPage(1))}
          style={{ width: 300 }}
          aria-label="Tìm sáng kiến"
        />
        <Select
          allowClear
          placeholder="Lĩnh vực"
          style={{ width: 260 }}
          value={area}
          onChange={(v) => (setArea(v), setPage(1))}
          options={AREA_OPTIONS}
          aria-label="Lĩnh vực"
        />
      </Space>
      <List
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        pagination={{
          current: page,
          pageSize: 10,
          total: list.data?.total ?? 0,
          onChange: setPage,
          showSizeChanger: false,
          align: 'center',
          showTotal: (n) => `${formatNumber(n)} sáng kiến`,
        }}
        renderItem={(r) => (
          <List.Item>
            <Card size="small" style={{ width: '100%' }} hoverable onClick={() => setOpen(r.id)}>
              <Typography.Text strong>{r.title}</Typography.Text>
              <div>
                <Typography.Text type="secondary">
                  {r.unitName} · {r.year}
                </Typography.Text>
              </div>
              <Typography.Paragraph style={{ margin: '4px 0' }}>{r.summary}</Typography.Paragraph>
              <Space wrap size={4}>
                {r.areaLabel && <Tag>{r.areaLabel}</Tag>}
                {r.levelLabel && <Tag color="cyan">Công nhận {r.levelLabel.toLowerCase()}</Tag>}
                {r.origin === 'external' && <Tag color="blue">Tỉnh, thành phố khác</Tag>}
                {r.adopters > 0 && <Tag color="green">{formatNumber(r.adopters)} đơn vị áp dụng</Tag>}
              </Space>
            </Card>
          </List.Item>
        )}
      />
      <Modal
        open={open !== null}
        onCancel={() => setOpen(null)}
        footer={null}
        title={<div style={{ paddingRight: 24 }}>{one.data?.title}</div>}
        width={720}
      >
        {one.data && (
          <Space direction="vertical">
            <Typography.Text type="secondary">
              {one.data.unitName ?? `${one.data.externalUnit ?? ''}, ${one.data.externalProvince ?? ''}`} · {one.data.year}
              {one.data.decisionNumber ? ` · Quyết định ${one.data.decisionNumber} ngày ${formatDate(one.data.decidedOn)}` : ''}
            </Typography.Text>
            <Typography.Paragraph>{one.data.summary}</Typography.Paragraph>
            {one.data.problem && (
              <Typography.Paragraph>
                <b>Thực trạng:</b> {one.data.problem}
              </Typography.Paragraph>
            )}
            {one.data.solution && (
              <Typography.Paragraph>
                <b>Giải pháp:</b> {one.data.solution}
              </Typography.Paragraph>
            )}
            {one.data.adopters.length > 0 && (
              <Typography.Paragraph>
                <b>Đơn vị áp dụng:</b> {one.data.adopters.map((a) => a.unitName).join('; ')}
              </Typography.Paragraph>
            )}
          </Space>
        )}
      </Modal>
    </main>
  );
}
