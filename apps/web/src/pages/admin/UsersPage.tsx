import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Modal, Result, Select, Space, Switch, Table, Tag, Typography, Upload } from 'antd';
import {
  CopyOutlined,
  DownloadOutlined,
  EditOutlined,
  PlusOutlined,
  PrinterOutlined,
  UnlockOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { api, ApiError, errorMessage, queryClient, unwrap, upload, uploadForm, urlFor, type User } from '../../lib/api';
import { useSession, useProvinceUnits } from '../../lib/session';
import { unitSearch } from '../../lib/text';

export function UsersPage() {
  const { can } = useSession();
  const [search, setSearch] = useState('');
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<User | 'new' | null>(null);
  const [importing, setImporting] = useState(false);
  const [role, setRole] = useState<string | undefined>();
  const [unit, setUnit] = useState<string | undefined>();
  const units = useProvinceUnits();
  const query = { q: search || undefined, role, unit, limit: 20, offset: (page - 1) * 20 };
  // Searched (without accents) and paged by the server.
  const users = useQuery({
    queryKey: ['users', query],
    queryFn: () => unwrap(api.GET('/api/users', { params: { query } })),
    enabled: can('user.read'),
    placeholderData: (p) => p,
  });
  const roles = useRoles();
  const unlock = useMutation({
    mutationFn: (u: User) => unwrap(api.PATCH('/api/users/{id}', { params: { path: { id: u.id } }, body: { unlock: true } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['users'] }),
  });

  if (!can('user.read')) return <Result status="403" title="Không có quyền" subTitle="Chỉ quản trị viên quản lý người dùng." />;
  return (
    <>
      <Typography.Title level={3} className="page-title">
        Người dùng
      </Typography.Title>
      <Card>
        <Space wrap style={{ marginBottom: 12 }}>
          <Input.Search
            allowClear
            placeholder="Tìm theo tên, tài khoản, đơn vị"
            onSearch={(v) => {
              setSearch(v.trim());
              setPage(1);
            }}
            style={{ width: 300 }}
          />
          <Select
            allowClear
            aria-label="Vai trò"
            placeholder="Mọi vai trò"
            value={role}
            onChange={(v) => {
              setRole(v);
              setPage(1);
            }}
            style={{ width: 220 }}
            options={roles.options}
          />
          <Select
            allowClear
            aria-label="Đơn vị"
            placeholder="Mọi đơn vị"
            showSearch={unitSearch}
            value={unit}
            onChange={(v) => {
              setUnit(v);
              setPage(1);
            }}
            style={{ width: 260 }}
            options={(units.data ?? []).map((u) => ({ value: u.code, label: u.name }))}
          />
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            Thêm người dùng
          </Button>
          <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>
            Tạo hàng loạt từ tệp
          </Button>
        </Space>
        <Table<User>
          rowKey="id"
          size="middle"
          loading={users.isFetching}
          dataSource={users.data?.rows ?? []}
          scroll={{ x: 800 }}
          pagination={{
            current: page,
            pageSize: 20,
            total: users.data?.total ?? 0,
            onChange: setPage,
            showTotal: (n) => `${n.toLocaleString('vi-VN')} người dùng`,
            showSizeChanger: false,
          }}
          columns={[
            { title: 'Tài khoản', dataIndex: 'username', width: 140 },
            { title: 'Họ và tên', dataIndex: 'fullName' },
            { title: 'Đơn vị', dataIndex: 'unitName' },
            { title: 'Vai trò', dataIndex: 'roles', render: (rs: string[]) => rs.map((r) => <Tag key={r}>{roles.label(r)}</Tag>) },
            {
              title: 'Trạng thái',
              width: 150,
              render: (_, u) => (
                <Space size={4} wrap>
                  {u.isActive ? <Tag color="green">Đang hoạt động</Tag> : <Tag>Đã khoá</Tag>}
                  {u.locked && <Tag color="red">Tạm khoá do sai mật khẩu</Tag>}
                </Space>
              ),
            },
            {
              title: '',
              width: 90,
              render: (_, u) =>
                u.abilities.update && (
                  <Space size={4}>
                    <Button size="small" icon={<EditOutlined />} aria-label={`Sửa ${u.username}`} onClick={() => setEditing(u)} />
                    {u.locked && (
                      <Button
                        size="small"
                        icon={<UnlockOutlined />}
                        aria-label="Mở khoá"
                        loading={unlock.isPending}
                        onClick={() => unlock.mutate(u)}
                      />
                    )}
                  </Space>
                ),
            },
          ]}
        />
      </Card>
      {editing && <UserForm user={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
      {importing && <ImportUsers onClose={() => setImporting(false)} roleLabel={roles.label} />}
    </>
  );
}

function useRoles() {
  const q = useQuery({ queryKey: ['roles'], queryFn: () => unwrap(api.GET('/api/roles')), staleTime: Infinity });
  const map = new Map((q.data ?? []).map((r) => [r.role, r.label]));
  return { options: (q.data ?? []).map((r) => ({ value: r.role, label: r.label })), label: (r: string) => map.get(r) ?? r };
}

interface UserFormValues {
  username: string;
  fullName: string;
  email?: string;
  unitCode: string;
  roles: string[];
  password?: string;
  isActive?: boolean;
}

function UserForm({ user, onClose }: { user: User | null; onClose(): void }) {
  const { me } = useSession();
  const { message } = App.useApp();
  const [form] = Form.useForm<UserFormValues>();
  const roles = useRoles();
  const units = useProvinceUnits();
  const unitOptions = [
    { value: me.provinceCode, label: 'UBND tỉnh' },
    ...(units.data ?? []).map((u) => ({ value: u.code, label: u.name })),
  ];
  const save = useMutation({
    mutationFn: (v: UserFormValues) =>
      user
        ? unwrap(
            api.PATCH('/api/users/{id}', {
              params: { path: { id: user.id } },
              body: {
                fullName: v.fullName,
                email: v.email || null,
                unitCode: v.unitCode,
                roles: v.roles,
                isActive: v.isActive,
                ...(v.password ? { password: v.password } : {}),
              },
            }),
          )
        : unwrap(
            api.POST('/api/users', {
              body: {
                username: v.username,
                fullName: v.fullName,
                email: v.email || null,
                unitCode: v.unitCode,
                roles: v.roles,
                password: v.password ?? '',
              },
            }),
          ),
    onSuccess: () => {
      message.success(user ? 'Đã lưu thay đổi' : 'Đã tạo người dùng; người dùng phải đổi mật khẩu ở lần đăng nhập đầu');
      void queryClient.invalidateQueries({ queryKey: ['users'] });
      onClose();
    },
    onError: (err) => message.error(errorMessage(err)),
  });
  return (
    <Modal
      open
      title={user ? `Sửa người dùng ${user.username}` : 'Thêm người dùng'}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="Lưu"
      confirmLoading={save.isPending}
    >
      <Form form={form} layout="vertical" initialValues={user ?? { roles: ['focal_point'] }} onFinish={(v) => save.mutate(v)}>
        <Form.Item
          name="username"
          label="Tên đăng nhập"
          rules={[
            { required: true, message: 'Nhập tên đăng nhập' },
            { min: 3, message: 'Ít nhất 3 ký tự' },
          ]}
        >
          <Input disabled={!!user} autoComplete="off" />
        </Form.Item>
        <Form.Item name="fullName" label="Họ và tên" rules={[{ required: true, message: 'Nhập họ và tên' }]}>
          <Input />
        </Form.Item>
        <Form.Item name="email" label="Thư điện tử" rules={[{ type: 'email', message: 'Địa chỉ thư điện tử không hợp lệ' }]}>
          <Input />
        </Form.Item>
        <Form.Item name="unitCode" label="Đơn vị" rules={[{ required: true, message: 'Chọn đơn vị' }]}>
          <Select showSearch={unitSearch} options={unitOptions} loading={units.isPending} />
        </Form.Item>
        <Form.Item name="roles" label="Vai trò" rules={[{ required: true, message: 'Chọn ít nhất một vai trò' }]}>
          <Select mode="multiple" options={roles.options} />
        </Form.Item>
        <Form.Item
          name="password"
          label={user ? 'Đặt lại mật khẩu (để trống nếu không đổi)' : 'Mật khẩu ban đầu'}
          rules={
            user
              ? [{ min: 8, message: 'Ít nhất 8 ký tự' }]
              : [
                  { required: true, message: 'Nhập mật khẩu ban đầu' },
                  { min: 8, message: 'Ít nhất 8 ký tự' },
                ]
          }
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        {user && (
          <Form.Item name="isActive" label="Cho phép đăng nhập" valuePropName="checked">
            <Switch />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

type Created = Awaited<ReturnType<typeof upload<'/api/users/import'>>>['rows'];

/**
 * Many accounts from one workbook: every row checked, all created or none (each bad row named); the
 * temporary passwords are shown once, to print or copy into a spreadsheet and hand out.
 */
function ImportUsers({ onClose, roleLabel }: { onClose: () => void; roleLabel: (r: string) => string }) {
  const [created, setCreated] = useState<Created | null>(null);
  const [errors, setErrors] = useState<string[]>([]);
  const { message } = App.useApp();
  const send = useMutation({
    mutationFn: (file: File) => upload('/api/users/import', uploadForm(file, file.name)),
    onSuccess: (r) => {
      setCreated(r.rows);
      setErrors([]);
      void queryClient.invalidateQueries({ queryKey: ['users'] });
    },
    onError: (e) => {
      const details = e instanceof ApiError ? (e.body?.details as { errors?: { message: string }[] } | undefined) : undefined;
      setErrors(details?.errors?.map((x) => x.message) ?? [errorMessage(e)]);
    },
  });
  const copy = async () => {
    const lines = [
      ['Tài khoản', 'Họ và tên', 'Đơn vị', 'Mật khẩu tạm'],
      ...(created ?? []).map((u) => [u.username, u.fullName, u.unitName, u.password]),
    ];
    await navigator.clipboard.writeText(lines.map((l) => l.join('\t')).join('\n'));
    message.success('Đã sao chép: dán vào bảng tính để gửi từng người.');
  };
  return (
    <Modal open width={900} title="Tạo người dùng hàng loạt" onCancel={onClose} footer={null}>
      {!created ? (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Paragraph>
            Tệp XLSX hoặc CSV, mỗi dòng một người: ten_dang_nhap, ho_ten, ma_don_vi, vai_tro (mã hoặc tên vai trò; nhiều vai trò cách nhau
            bằng dấu chấm phẩy), email. Mọi dòng được kiểm tra trước: nếu có dòng lỗi, chưa tạo ai và từng dòng lỗi được nêu.
          </Typography.Paragraph>
          <Space wrap>
            <Button icon={<DownloadOutlined />} href={urlFor('/api/users/import-template.xlsx')}>
              Tải tệp mẫu
            </Button>
            <Upload
              accept=".xlsx,.csv"
              showUploadList={false}
              beforeUpload={(f) => {
                send.mutate(f);
                return false;
              }}
            >
              <Button type="primary" icon={<UploadOutlined />} loading={send.isPending}>
                Chọn tệp và tạo
              </Button>
            </Upload>
          </Space>
          {errors.length > 0 && (
            <Alert
              type="error"
              showIcon
              title={`Chưa tạo người dùng nào: ${errors.length} lỗi`}
              description={
                <ul style={{ margin: 0, maxHeight: 300, overflow: 'auto' }}>
                  {errors.map((e) => (
                    <li key={e}>{e}</li>
                  ))}
                </ul>
              }
            />
          )}
        </Space>
      ) : (
        <Space direction="vertical" style={{ width: '100%' }} className="printable">
          <Alert
            type="success"
            showIcon
            title={`Đã tạo ${created.length.toLocaleString('vi-VN')} tài khoản`}
            description="Mật khẩu tạm chỉ hiện lần này: in hoặc sao chép để gửi từng người; mỗi người phải đổi mật khẩu khi đăng nhập lần đầu."
          />
          <Space className="no-print">
            <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
              In danh sách
            </Button>
            <Button icon={<CopyOutlined />} onClick={() => void copy()}>
              Sao chép vào bảng tính
            </Button>
          </Space>
          <Table
            size="small"
            rowKey="username"
            dataSource={created}
            pagination={false}
            columns={[
              { title: 'Tài khoản', dataIndex: 'username' },
              { title: 'Họ và tên', dataIndex: 'fullName' },
              { title: 'Đơn vị', dataIndex: 'unitName' },
              { title: 'Vai trò', dataIndex: 'roles', render: (rs: string[]) => rs.map(roleLabel).join(', ') },
              { title: 'Mật khẩu tạm', dataIndex: 'password', render: (p: string) => <Typography.Text code>{p}</Typography.Text> },
            ]}
          />
        </Space>
      )}
    </Modal>
  );
}
