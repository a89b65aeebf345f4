/** The council's criteria and their maximum points (the office edits them). */
import { useEffect, useState } from 'react';
import { Button, Checkbox, Input, InputNumber, Space, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../lib/api';
import { formatNumber } from '../../lib/format';
import { useAct } from './common';

type Row = { code: string; name: string; maxPoints: number; isActive?: boolean };

export function CriteriaTab() {
  const q = useQuery({ queryKey: ['initiatives', 'criteria'], queryFn: () => unwrap(api.GET('/api/initiatives/criteria')) });
  const [rows, setRows] = useState<Row[]>([]);
  useEffect(() => setRows(q.data ?? []), [q.data]);
  const act = useAct();
  const edit = (i: number, patch: Partial<Row>) => setRows((r) => r.map((x, k) => (k === i ? { ...x, ...patch } : x)));
  const total = rows.filter((r) => r.isActive !== false).reduce((a, r) => a + (r.maxPoints || 0), 0);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Table
        size="small"
        rowKey={(_, i) => String(i)}
        dataSource={rows}
        pagination={false}
        columns={[
          {
            title: 'Mã',
            dataIndex: 'code',
            width: 140,
            render: (v: string, _r, i) => <Input aria-label="Mã tiêu chí" value={v} onChange={(e) => edit(i, { code: e.target.value })} />,
          },
          {
            title: 'Tiêu chí',
            dataIndex: 'name',
            render: (v: string, _r, i) => <Input aria-label="Tên tiêu chí" value={v} onChange={(e) => edit(i, { name: e.target.value })} />,
          },
          {
            title: 'Điểm tối đa',
            dataIndex: 'maxPoints',
            width: 120,
            render: (v: number, _r, i) => (
              <InputNumber aria-label="Điểm tối đa" min={1} max={100} value={v} onChange={(n) => edit(i, { maxPoints: n ?? 0 })} />
            ),
          },
          {
            title: 'Dùng',
            dataIndex: 'isActive',
            width: 70,
            render: (v: boolean, _r, i) => (
              <Checkbox aria-label="Dùng" checked={v !== false} onChange={(e) => edit(i, { isActive: e.target.checked })} />
            ),
          },
        ]}
      />
      <Typography.Text>Tổng điểm tối đa: {formatNumber(total)} (công nhận cấp tỉnh từ 70 %, cấp cơ sở từ 50 % tổng điểm).</Typography.Text>
      <Space>
        <Button onClick={() => setRows((r) => [...r, { code: '', name: '', maxPoints: 10, isActive: true }])}>Thêm tiêu chí</Button>
        <Button
          type="primary"
          loading={act.isPending}
          onClick={() => act.mutate(() => unwrap(api.PUT('/api/initiatives/criteria', { body: rows })))}
        >
          Lưu tiêu chí
        </Button>
      </Space>
    </Space>
  );
}
