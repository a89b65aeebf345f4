/** The directives of the province (or those giving the unit a task), server-paged and searched. */
import { PAGE } from './TaskTables';
import { useNavigate } from 'react-router-dom';
import { Card, Input, Progress, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../lib/api';
import { formatDate, formatNumber, formatPercent } from '../../lib/format';
import { pct } from './common';

export function DirectiveList() {
  const navigate = useNavigate();
  const [search, setSearch] = useState('');
  const [page, setPage] = useState(1);
  const query = { q: search || undefined, limit: PAGE, offset: (page - 1) * PAGE };
  const q = useQuery({
    queryKey: ['directives', 'list', query],
    queryFn: () => unwrap(api.GET('/api/directives', { params: { query } })),
    placeholderData: (p) => p,
  });
  return (
    <Card size="small">
      <Input.Search
        allowClear
        placeholder="Tìm theo số, ký hiệu hoặc trích yếu"
        style={{ width: 320, marginBottom: 12 }}
        onSearch={(v) => {
          setSearch(v.trim());
          setPage(1);
        }}
      />
      <Table
        size="small"
        rowKey="id"
        loading={q.isFetching}
        dataSource={q.data?.rows ?? []}
        scroll={{ x: 900 }}
        pagination={{
          current: page,
          pageSize: PAGE,
          total: q.data?.total ?? 0,
          onChange: setPage,
          showSizeChanger: false,
          hideOnSinglePage: true,
          showTotal: (n) => `${formatNumber(n)} văn bản`,
        }}
        onRow={(r) => ({ onClick: () => navigate(`/directives/${r.id}`), style: { cursor: 'pointer' } })}
        columns={[
          { title: 'Số, ký hiệu', dataIndex: 'number', width: 130 },
          { title: 'Loại', dataIndex: 'kindLabel', width: 100 },
          { title: 'Ngày', dataIndex: 'issuedOn', width: 110, render: formatDate },
          {
            title: 'Trích yếu',
            dataIndex: 'title',
            render: (t: string, r) => (
              <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: 0 }}>
                {r.status === 'withdrawn' && <Tag>Đã thu hồi</Tag>}
                {t}
              </Typography.Paragraph>
            ),
          },
          { title: 'Nhiệm vụ', dataIndex: 'tasks', width: 90, render: (v: number) => formatNumber(v) },
          {
            title: 'Hoàn thành',
            width: 150,
            render: (_, r) => <Progress percent={pct(r.done, r.tasks)} format={(v) => formatPercent(v)} size="small" />,
          },
          { title: 'Quá hạn', dataIndex: 'overdue', width: 80, render: (v: number) => formatNumber(v) },
        ]}
      />
    </Card>
  );
}
