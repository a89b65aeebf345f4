import { useState } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { api, errorMessage, queryClient } from '../lib/api';

/** `onStart`: the user began signing in (first keystroke or submit) — time to fetch what comes next. */
export function LoginPage({ onStart }: { onStart?: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from ?? '/';

  async function submit(values: { username: string; password: string }) {
    onStart?.();
    setBusy(true);
    setError(null);
    try {
      const { data } = await api.POST('/api/auth/login', { body: values });
      queryClient.setQueryData(['me'], data);
      navigate(data?.mustChangePassword ? '/account/password' : from === '/login' ? '/' : from, { replace: true });
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="login-page">
      <Card className="login-card">
        <Typography.Title level={3} style={{ marginTop: 0, marginBottom: 4 }}>
          Đăng nhập
        </Typography.Title>
        <Typography.Paragraph type="secondary">Hệ thống quản lý cải cách hành chính</Typography.Paragraph>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        <Form layout="vertical" onFinish={submit} onValuesChange={onStart} requiredMark={false} disabled={busy}>
          <Form.Item name="username" label="Tên đăng nhập" rules={[{ required: true, message: 'Nhập tên đăng nhập' }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus size="large" />
          </Form.Item>
          <Form.Item name="password" label="Mật khẩu" rules={[{ required: true, message: 'Nhập mật khẩu' }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" size="large" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={busy}>
            Đăng nhập
          </Button>
        </Form>
        <Typography.Paragraph style={{ marginTop: 16, marginBottom: 0, textAlign: 'center' }}>
          <a href="/public/late-units">Công khai tình hình hồ sơ trễ hạn</a>
          {' · '}
          <a href="/public/assessment">Chỉ số CCHC của sở, ngành, xã, phường</a>
          {' · '}
          <a href="/public/initiatives">Sáng kiến CCHC</a>
          {' · '}
          <a href="/public/feedback">Gửi phản ánh, kiến nghị</a>
        </Typography.Paragraph>
      </Card>
    </div>
  );
}
