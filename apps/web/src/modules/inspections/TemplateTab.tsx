/** The checklist template the office edits (used by visits scheduled afterwards). */
import { useEffect, useState } from 'react';
import { Button, Checkbox, Input, Select, Space, Table } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../lib/api';
import { AREA_OPTIONS, useAct } from './common';

type Item = { code: string; area: string; text: string; isActive?: boolean };

export function TemplateTab() {
  const tpl = useQuery({ queryKey: ['inspections', 'template'], queryFn: () => unwrap(api.GET('/api/inspections/template')) });
  const [rows, setRows] = useState<Item[]>([]);
  useEffect(() => setRows((tpl.data ?? []).map((t) => ({ code: t.code, area: t.area, text: t.text, isActive: t.isActive }))), [tpl.data]);
  const act = useAct();
  const edit = (i: number, patch: Partial<Item>) => setRows((r) => r.map((x, k) => (k === i ? { ...x, ...patch } : x)));
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Table
        size="small"
        rowKey={(_, i) => String(i)}
        loading={tpl.isPending}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 800 }}
        columns={[
          {
            title: 'Mã',
            dataIndex: 'code',
            width: 100,
            render: (v: string, _r, i) => <Input aria-label="Mã" value={v} onChange={(e) => edit(i, { code: e.target.value })} />,
          },
          {
            title: 'Lĩnh vực',
            dataIndex: 'area',
            width: 260,
            render: (v: string, _r, i) => (
              <Select
                aria-label="Lĩnh vực"
                value={v}
                style={{ width: '100%' }}
                onChange={(a) => edit(i, { area: a })}
                options={AREA_OPTIONS}
              />
            ),
          },
          {
            title: 'Nội dung kiểm tra',
            dataIndex: 'text',
            render: (v: string, _r, i) => (
              <Input.TextArea aria-label="Nội dung" autoSize value={v} onChange={(e) => edit(i, { text: e.target.value })} />
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
      <Space>
        <Button onClick={() => setRows((r) => [...r, { code: '', area: 'direction', text: '', isActive: true }])}>Thêm nội dung</Button>
        <Button
          type="primary"
          loading={act.isPending}
          onClick={() => act.mutate(() => unwrap(api.PUT('/api/inspections/template', { body: rows })))}
        >
          Lưu mẫu
        </Button>
      </Space>
    </Space>
  );
}
