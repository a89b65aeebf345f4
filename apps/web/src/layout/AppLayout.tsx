import { Suspense, useState } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { Avatar, Button, Drawer, Dropdown, Grid, Layout, Menu, Spin, Typography, type MenuProps } from 'antd';
import {
  CalendarOutlined,
  ClusterOutlined,
  HistoryOutlined,
  HomeOutlined,
  KeyOutlined,
  LogoutOutlined,
  MenuOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { api, queryClient } from '../lib/api';
import { useSession } from '../lib/session';
import { MODULES } from '../modules';
import { UnitPicker } from './UnitPicker';
import { NotificationBell } from './NotificationBell';

const { Header, Sider, Content } = Layout;

export function AppLayout() {
  const { me, can } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  const isPhone = !screens.lg;
  const [drawerOpen, setDrawerOpen] = useState(false);

  const admin: MenuProps['items'] = [
    { key: '/admin/units', icon: <ClusterOutlined />, label: <Link to="/admin/units">Đơn vị</Link> },
    ...(can('user.read') ? [{ key: '/admin/users', icon: <TeamOutlined />, label: <Link to="/admin/users">Người dùng</Link> }] : []),
    { key: '/admin/calendar', icon: <CalendarOutlined />, label: <Link to="/admin/calendar">Lịch làm việc</Link> },
    ...(can('audit.read')
      ? [{ key: '/admin/audit', icon: <HistoryOutlined />, label: <Link to="/admin/audit">Nhật ký thao tác</Link> }]
      : []),
  ];
  const items: MenuProps['items'] = [
    { key: '/', icon: <HomeOutlined />, label: <Link to="/">Tổng quan</Link> },
    ...MODULES.map((m) => ({ key: m.path, icon: m.icon, label: <Link to={m.path}>{m.label}</Link> })),
    { type: 'group', label: 'Quản trị', children: admin },
  ];
  const selected =
    '/' +
    location.pathname
      .split('/')
      .filter(Boolean)
      .slice(0, location.pathname.startsWith('/admin') ? 2 : 1)
      .join('/');

  const menu = (
    <>
      <div className="brand">
        CCHC {me.provinceCode === '86' ? 'Vĩnh Long' : ''}
        <small>Quản lý cải cách hành chính</small>
      </div>
      <Menu theme="dark" mode="inline" selectedKeys={[selected]} items={items} onClick={() => setDrawerOpen(false)} />
    </>
  );

  async function logout() {
    await api.POST('/api/auth/logout');
    queryClient.clear();
    // A full page load: nothing of the signed-out user's data stays in memory, and no query in flight can
    // put the shell back between the cache being cleared and the router moving.
    window.location.assign('/login');
  }

  return (
    <Layout style={{ minHeight: '100%' }}>
      {isPhone ? (
        <Drawer
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          placement="left"
          size={260}
          styles={{ body: { padding: 0, background: '#001529' } }}
          closable={false}
        >
          {menu}
        </Drawer>
      ) : (
        <Sider width={240} className="app-sider" style={{ position: 'sticky', top: 0, height: '100vh', overflow: 'auto' }}>
          {menu}
        </Sider>
      )}
      <Layout>
        <Header className="app-header">
          {isPhone && <Button type="text" icon={<MenuOutlined />} aria-label="Mở menu" onClick={() => setDrawerOpen(true)} />}
          <UnitPicker />
          <div className="spacer" />
          <NotificationBell />
          <Dropdown
            trigger={['click']}
            menu={{
              items: [
                {
                  key: 'who',
                  disabled: true,
                  label: (
                    <div>
                      <b>{me.fullName}</b>
                      <br />
                      <Typography.Text type="secondary">{me.roleLabels.join(', ')}</Typography.Text>
                      <br />
                      <Typography.Text type="secondary">{me.unitName}</Typography.Text>
                    </div>
                  ),
                },
                { type: 'divider' },
                { key: 'password', icon: <KeyOutlined />, label: 'Đổi mật khẩu', onClick: () => navigate('/account/password') },
                { key: 'logout', icon: <LogoutOutlined />, label: 'Đăng xuất', onClick: logout },
              ],
            }}
          >
            <Button type="text" aria-label="Tài khoản" style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
              <Avatar size="small" style={{ background: '#b71c1c' }}>
                {me.fullName.split(' ').pop()?.[0]?.toUpperCase() ?? '?'}
              </Avatar>
              <span className="hide-phone">{me.fullName}</span>
            </Button>
          </Dropdown>
        </Header>
        <Content className="app-content">
          <Suspense fallback={<Spin style={{ display: 'block', margin: '64px auto' }} tip="Đang tải…" />}>
            <Outlet />
          </Suspense>
        </Content>
      </Layout>
    </Layout>
  );
}
