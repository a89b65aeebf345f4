import { Card, Empty, Space, Spin, Table, Tabs, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../lib/api';
import { formatDate, formatFixed } from '../../lib/format';
import { BAND_COLORS } from './common';

/** Public page (no login): the internal CCHC index of the departments and communes, as announced. */
export function PublicAssessmentPage() {
  const q = useQuery({ queryKey: ['public', 'assessment'], queryFn: () => unwrap(api.GET('/api/public/assessment')) });
  const years = [...new Set((q.data ?? []).map((r) => r.year))].sort((a, b) => b - a);
  return (
    <div style={{ maxWidth: 1100, margin: '0 auto', padding: 16 }}>
      <Typography.Title level={3}>Công khai Chỉ số cải cách hành chính của các sở, ngành và xã, phường</Typography.Title>
      <Typography.Paragraph type="secondary">
        Kết quả đã được Ủy ban nhân dân tỉnh công bố. Chỉ số (%) là tổng điểm sau thẩm định, điều tra xã hội học, điểm thưởng và điểm trừ so
        với điểm tối đa; thứ hạng tính trong từng nhóm đơn vị.
      </Typography.Paragraph>
      {q.isPending ? (
        <Spin />
      ) : !years.length ? (
        <Card>
          <Empty description="Chưa có kết quả nào được công bố." />
        </Card>
      ) : (
        <Tabs
          items={years.map((y) => ({
            key: String(y),
            label: `Năm ${y}`,
            children: (
              <Space direction="vertical" size={16} style={{ width: '100%' }}>
                {(q.data ?? [])
                  .filter((r) => r.year === y)
                  .map((r) => (
                    <Card
                      key={r.roundId}
                      size="small"
                      title={<span style={{ whiteSpace: 'normal' }}>{`Chỉ số CCHC năm ${r.year} của ${r.groupLabel}`}</span>}
                    >
                      {r.decisionNumber && (
                        <Typography.Paragraph type="secondary">
                          Quyết định số {r.decisionNumber}
                          {r.decisionDate ? ` ngày ${formatDate(r.decisionDate)}` : ''} của Ủy ban nhân dân tỉnh
                        </Typography.Paragraph>
                      )}
                      <Table
                        size="small"
                        rowKey={(x) => `${x.rank}-${x.unitName}`}
                        dataSource={r.rows}
                        pagination={{ pageSize: 30, hideOnSinglePage: true }}
                        columns={[
                          { title: 'Hạng', dataIndex: 'rank', width: 56 },
                          { title: 'Đơn vị', dataIndex: 'unitName' },
                          { title: 'Chỉ số (%)', dataIndex: 'index', width: 84, align: 'right', render: (v: number) => formatFixed(v, 2) },
                          {
                            title: 'Xếp loại',
                            dataIndex: 'band',
                            width: 110,
                            render: (b: string) => <Tag color={BAND_COLORS[b]}>{b}</Tag>,
                          },
                        ]}
                      />
                    </Card>
                  ))}
              </Space>
            ),
          }))}
        />
      )}
    </div>
  );
}
