import { useMemo, useState } from 'react';
import { App, Button, Card, Descriptions, Drawer, Form, Input, Modal, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { api, errorMessage, queryClient, unwrap, type Unit } from '../../lib/api';
import { formatDate } from '../../lib/format';
import { useSession, useProvinceUnits } from '../../lib/session';
import { foldForSearch } from '../../lib/text';

const LOCAL_TYPES = [
  { value: 'department', label: 'Sở, ban, ngành, cơ quan cấp tỉnh' },
  { value: 'service_centre', label: 'Trung tâm Phục vụ hành chính công' },
];

export function UnitsPage() {
  const [mode, setMode] = useState<'current' | 'old'>('current');
  const [selected, setSelected] = useState<Unit | null>(null);
  return (
    <>
      <Typography.Title level={3} className="page-title">
        Đơn vị hành chính và cơ quan
      </Typography.Title>
      <Segmented
        style={{ marginBottom: 16 }}
        value={mode}
        onChange={(v) => setMode(v as 'current' | 'old')}
        options={[
          { value: 'current', label: 'Đơn vị hiện hành' },
          { value: 'old', label: 'Tra cứu đơn vị trước 01/7/2025' },
        ]}
      />
      {mode === 'current' ? <CurrentUnits onOpen={setSelected} /> : <OldUnits onOpen={setSelected} />}
      <UnitDrawer unit={selected} onClose={() => setSelected(null)} />
    </>
  );
}

function CurrentUnits({ onOpen }: { onOpen(u: Unit): void }) {
  const { can } = useSession();
  const [search, setSearch] = useState('');
  const [type, setType] = useState<string | undefined>();
  const [editing, setEditing] = useState<Unit | 'new' | null>(null);
  const list = useProvinceUnits();
  const rows = useMemo(() => {
    const f = foldForSearch(search);
    return (list.data ?? []).filter((u) => (!type || u.type === type) && (!f || foldForSearch(`${u.name} ${u.code}`).includes(f)));
  }, [list.data, search, type]);
  const typeOptions = [...new Map((list.data ?? []).map((u) => [u.type, u.typeLabel])).entries()].map(([value, label]) => ({
    value,
    label,
  }));

  return (
    <Card>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search allowClear placeholder="Tìm theo tên hoặc mã" onChange={(e) => setSearch(e.target.value)} style={{ width: 260 }} />
        <Select allowClear placeholder="Loại đơn vị" options={typeOptions} value={type} onChange={setType} style={{ width: 220 }} />
        {can('unit.create') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            Thêm cơ quan, đơn vị
          </Button>
        )}
      </Space>
      <Table<Unit>
        rowKey="code"
        size="middle"
        loading={list.isPending}
        dataSource={rows}
        scroll={{ x: 640 }}
        pagination={{ pageSize: 20, showTotal: (n) => `${n} đơn vị`, showSizeChanger: false }}
        onRow={(u) => ({ onClick: () => onOpen(u), style: { cursor: 'pointer' } })}
        columns={[
          { title: 'Mã', dataIndex: 'code', width: 120 },
          { title: 'Tên', dataIndex: 'name' },
          {
            title: 'Loại',
            dataIndex: 'typeLabel',
            width: 200,
            render: (l: string, u) => <Tag color={u.isLocal ? 'blue' : undefined}>{l}</Tag>,
          },
          { title: 'Hiệu lực từ', dataIndex: 'validFrom', width: 120, render: formatDate },
          {
            title: '',
            width: 60,
            render: (_, u) =>
              u.abilities.update && (
                <Button
                  size="small"
                  icon={<EditOutlined />}
                  aria-label="Sửa"
                  onClick={(e) => {
                    e.stopPropagation();
                    setEditing(u);
                  }}
                />
              ),
          },
        ]}
      />
      {editing && <UnitForm unit={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </Card>
  );
}

function OldUnits({ onOpen }: { onOpen(u: Unit): void }) {
  const [q, setQ] = useState('');
  const list = useQuery({
    queryKey: ['units', 'old', q],
    queryFn: () => unwrap(api.GET('/api/units', { params: { query: { q, at: '2025-06-30', limit: 200 } } })),
    enabled: q.trim().length >= 2,
  });
  return (
    <Card>
      <Typography.Paragraph type="secondary">
        Tìm tỉnh, huyện, xã cũ (trước sắp xếp đơn vị hành chính năm 2025) để biết nay thuộc đơn vị nào.
      </Typography.Paragraph>
      <Input.Search
        placeholder="Ví dụ: Bến Tre, Trà Vinh, Phường 1…"
        enterButton="Tìm"
        onSearch={setQ}
        style={{ maxWidth: 420, marginBottom: 12 }}
      />
      <Table<Unit>
        rowKey="id"
        size="middle"
        loading={list.isFetching}
        dataSource={list.data ?? []}
        scroll={{ x: 600 }}
        locale={{ emptyText: q ? 'Không tìm thấy đơn vị' : 'Nhập ít nhất 2 ký tự để tìm' }}
        onRow={(u) => ({ onClick: () => onOpen(u), style: { cursor: 'pointer' } })}
        columns={[
          { title: 'Mã', dataIndex: 'code', width: 110 },
          { title: 'Tên', dataIndex: 'name' },
          { title: 'Loại', dataIndex: 'typeLabel', width: 160 },
          { title: 'Hết hiệu lực', dataIndex: 'validTo', width: 120, render: formatDate },
        ]}
      />
    </Card>
  );
}

function UnitDrawer({ unit, onClose }: { unit: Unit | null; onClose(): void }) {
  const isOld = !!unit?.validTo;
  const at = isOld ? (unit?.validTo ?? undefined) : undefined;
  const lineage = useQuery({
    queryKey: ['lineage', unit?.code, isOld],
    queryFn: () =>
      isOld
        ? unwrap(api.GET('/api/units/{code}/successors', { params: { path: { code: unit!.code }, query: { at } } }))
        : unwrap(api.GET('/api/units/{code}/lineage', { params: { path: { code: unit!.code } } })),
    enabled: !!unit,
  });
  return (
    <Drawer open={!!unit} onClose={onClose} title={unit?.name} size={520}>
      {unit && (
        <>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label="Mã">{unit.code}</Descriptions.Item>
            <Descriptions.Item label="Loại">{unit.typeLabel}</Descriptions.Item>
            <Descriptions.Item label="Đơn vị cấp trên">{unit.parentCode ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="Hiệu lực">
              {unit.validFrom ? `từ ${formatDate(unit.validFrom)}` : ''} {unit.validTo ? `đến ${formatDate(unit.validTo)}` : ''}
            </Descriptions.Item>
            <Descriptions.Item label="Nguồn">{unit.isLocal ? 'Do tỉnh khai báo' : 'Danh mục đơn vị hành chính quốc gia'}</Descriptions.Item>
          </Descriptions>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {isOld ? 'Nay thuộc' : 'Hình thành từ (trước 01/7/2025)'}
          </Typography.Title>
          <Table
            rowKey={(r) => `${r.id}-${r.relation}`}
            size="small"
            loading={lineage.isPending}
            dataSource={lineage.data ?? []}
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            locale={{ emptyText: 'Không có thay đổi theo sắp xếp năm 2025' }}
            columns={[
              { title: 'Đơn vị', dataIndex: 'name' },
              { title: 'Mã', dataIndex: 'code', width: 90 },
              { title: 'Quan hệ', dataIndex: 'relationLabel', width: 150 },
            ]}
          />
        </>
      )}
    </Drawer>
  );
}

function UnitForm({ unit, onClose }: { unit: Unit | null; onClose(): void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const save = useMutation({
    mutationFn: (v: { code: string; name: string; shortName?: string; type: string }) =>
      unit
        ? unwrap(
            api.PATCH('/api/units/{code}', {
              params: { path: { code: unit.code } },
              body: { name: v.name, shortName: v.shortName || null, type: v.type },
            }),
          )
        : unwrap(api.POST('/api/units', { body: { ...v, shortName: v.shortName || null } })),
    onSuccess: () => {
      message.success(unit ? 'Đã lưu thay đổi' : 'Đã thêm đơn vị');
      void queryClient.invalidateQueries({ queryKey: ['units'] });
      onClose();
    },
    onError: (err) => message.error(errorMessage(err)),
  });
  return (
    <Modal
      open
      title={unit ? `Sửa: ${unit.name}` : 'Thêm cơ quan, đơn vị của tỉnh'}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="Lưu"
      confirmLoading={save.isPending}
    >
      <Form form={form} layout="vertical" initialValues={unit ?? { type: 'department' }} onFinish={(v) => save.mutate(v)}>
        <Form.Item
          name="code"
          label="Mã"
          rules={[{ required: true, message: 'Nhập mã đơn vị' }]}
          extra="Ví dụ 86.SYT. Không đổi được sau khi tạo."
        >
          <Input disabled={!!unit} />
        </Form.Item>
        <Form.Item name="name" label="Tên đầy đủ" rules={[{ required: true, message: 'Nhập tên đơn vị' }]}>
          <Input />
        </Form.Item>
        <Form.Item name="shortName" label="Tên viết tắt">
          <Input />
        </Form.Item>
        <Form.Item name="type" label="Loại" rules={[{ required: true }]}>
          <Select options={LOCAL_TYPES} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
