import { Alert, App, Button, Card, Form, Input, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { api, errorMessage, queryClient } from '../lib/api';
import { useSession } from '../lib/session';

export function PasswordPage() {
  const { me } = useSession();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm();

  async function submit(v: { currentPassword: string; newPassword: string }) {
    try {
      await api.POST('/api/auth/password', { body: { currentPassword: v.currentPassword, newPassword: v.newPassword } });
      message.success('Đã đổi mật khẩu. Các phiên đăng nhập khác của bạn đã được đăng xuất.');
      queryClient.setQueryData(['me'], { ...me, mustChangePassword: false });
      form.resetFields();
      navigate('/');
    } catch (err) {
      form.setFields([{ name: 'newPassword', errors: [errorMessage(err)] }]);
    }
  }

  return (
    <Card style={{ maxWidth: 520 }}>
      <Typography.Title level={4} className="page-title">
        Đổi mật khẩu
      </Typography.Title>
      {me.mustChangePassword && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title="Mật khẩu của bạn do quản trị viên cấp. Hãy đặt mật khẩu mới trước khi làm việc."
        />
      )}
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="currentPassword" label="Mật khẩu hiện tại" rules={[{ required: true, message: 'Nhập mật khẩu hiện tại' }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label="Mật khẩu mới"
          extra="Ít nhất 8 ký tự, có chữ và số."
          rules={[
            { required: true, message: 'Nhập mật khẩu mới' },
            { min: 8, message: 'Mật khẩu mới cần ít nhất 8 ký tự' },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label="Nhập lại mật khẩu mới"
          dependencies={['newPassword']}
          rules={[
            { required: true, message: 'Nhập lại mật khẩu mới' },
            ({ getFieldValue }) => ({
              validator: (_, v) =>
                v === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error('Hai lần nhập mật khẩu mới không khớp')),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          Đổi mật khẩu
        </Button>
      </Form>
    </Card>
  );
}
