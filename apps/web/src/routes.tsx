import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { Result, Spin } from 'antd';
import { SessionProvider, useMeQuery } from './lib/session';
import { errorMessage } from './lib/api';
import { AppLayout } from './layout/AppLayout';
import { LoginPage } from './pages/LoginPage';
import { HomePage } from './pages/HomePage';
import { ModulePlaceholder } from './pages/ModulePlaceholder';
import { PasswordPage } from './pages/PasswordPage';
import { UnitsPage } from './pages/admin/UnitsPage';
import { UsersPage } from './pages/admin/UsersPage';
import { CalendarPage } from './pages/admin/CalendarPage';
import { AuditPage } from './pages/admin/AuditPage';
import { MODULES } from './modules';

export function AppRoutes() {
  return (
    <BrowserRouter>
      <Gate />
    </BrowserRouter>
  );
}

/** Signed out → login page (remembering where the user was going); signed in → the shell. */
function Gate() {
  const location = useLocation();
  if (location.pathname.startsWith('/public/')) {
    return (
      <Routes>{MODULES.flatMap((m) => (m.publicRoutes ?? []).map((r) => <Route key={r.path} path={r.path} element={r.element} />))}</Routes>
    );
  }
  return <SignedInGate />;
}

function SignedInGate() {
  const me = useMeQuery();
  const location = useLocation();
  if (me.isPending) return <Spin fullscreen tip="Đang tải…" />;
  if (me.isError) return <Result status="error" title="Không tải được ứng dụng" subTitle={errorMessage(me.error)} />;
  if (!me.data) {
    return (
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route path="*" element={<Navigate to="/login" replace state={{ from: location.pathname + location.search }} />} />
      </Routes>
    );
  }
  return (
    <SessionProvider me={me.data}>
      <Routes>
        <Route path="/login" element={<Navigate to="/" replace />} />
        <Route element={<AppLayout />}>
          <Route index element={me.data.mustChangePassword ? <Navigate to="/account/password" replace /> : <HomePage />} />
          {MODULES.flatMap((m) =>
            m.routes
              ? m.routes.map((r) => (
                  <Route key={`${m.path}/${r.path}`} path={r.path ? `${m.path}/${r.path}` : m.path} element={r.element} />
                ))
              : [<Route key={m.path} path={`${m.path}/*`} element={<ModulePlaceholder module={m} />} />],
          )}
          <Route path="/admin/units" element={<UnitsPage />} />
          <Route path="/admin/users" element={<UsersPage />} />
          <Route path="/admin/calendar" element={<CalendarPage />} />
          <Route path="/admin/audit" element={<AuditPage />} />
          <Route path="/account/password" element={<PasswordPage />} />
          <Route path="*" element={<Result status="404" title="Không tìm thấy trang" subTitle="Địa chỉ này không có trong hệ thống." />} />
        </Route>
      </Routes>
    </SessionProvider>
  );
}
