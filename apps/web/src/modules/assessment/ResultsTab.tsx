import type { ReactNode } from 'react';
import { Button, Card, Space, Table, Tag } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { api, unwrap, urlFor } from '../../lib/api';
import { formatFixed, formatNumber } from '../../lib/format';
import { BAND_COLORS, type ResultRow } from './common';

const n = (v: number) => formatNumber(v, 2);

export function ResultsTab({ roundId, picker }: { roundId: number; picker: ReactNode }) {
  const results = useQuery({
    queryKey: ['assessment', 'results', roundId],
    queryFn: () => unwrap(api.GET('/api/assessment/rounds/{id}/results', { params: { path: { id: roundId } } })),
  });
  const rows = results.data ?? [];
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      {picker}
      <Card
        size="small"
        title={`Kết quả của ${formatNumber(rows.length)} đơn vị`}
        extra={
          <Button
            size="small"
            icon={<DownloadOutlined />}
            href={urlFor('/api/assessment/rounds/{id}/results.xlsx', { path: { id: roundId } })}
          >
            XLSX
          </Button>
        }
      >
        <Table<ResultRow>
          size="small"
          rowKey="unitCode"
          loading={results.isPending}
          dataSource={rows}
          scroll={{ x: 900 }}
          pagination={{ pageSize: 20, showTotal: (t) => `${formatNumber(t)} đơn vị` }}
          columns={[
            { title: 'Hạng', dataIndex: 'rank', width: 60 },
            { title: 'Đơn vị', dataIndex: 'unitName' },
            { title: 'Tự chấm', dataIndex: 'self', align: 'right', render: n },
            { title: 'Thẩm định', dataIndex: 'appraised', align: 'right', render: n },
            { title: 'Thưởng', dataIndex: 'bonus', align: 'right', render: n },
            { title: 'Trừ', dataIndex: 'penalty', align: 'right', render: n },
            { title: 'Tổng', dataIndex: 'total', align: 'right', render: n },
            { title: 'Tối đa', dataIndex: 'max', align: 'right', render: n },
            { title: 'Chỉ số (%)', dataIndex: 'index', align: 'right', render: (v: number) => <b>{formatFixed(v, 2)}</b> },
            { title: 'Xếp loại', dataIndex: 'band', render: (b: string) => <Tag color={BAND_COLORS[b]}>{b}</Tag> },
          ]}
        />
      </Card>
    </Space>
  );
}
