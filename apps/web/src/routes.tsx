import { startTransition, Suspense, useEffect, useState } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { Alert, Spin } from 'antd';
import { SessionProvider, useMeQuery } from './lib/session';
import { errorMessage } from './lib/api';
import { AppLayout } from './layout/AppLayout';
import { MODULES } from './modules';
import { lazyPage } from './modules/lazy';

/** The home page and every module's panel on it are fetched together, not one after another. */
const HomePage = lazyPage(() =>
  Promise.all([import('./pages/HomePage'), ...MODULES.map((m) => m.HomePanel?.preload())]).then(([m]) => m.HomePage),
);
/**
 * The page most opened: its code is fetched while the session is checked (opening `/`) or from the first
 * keystroke on the login page, so it is ready when the session is — and the login page itself stays light.
 */
if (window.location.pathname === '/') void HomePage.preload();
const preloadHome = () => void HomePage.preload();
const UnitsPage = lazyPage(() => import('./pages/admin/UnitsPage').then((m) => m.UnitsPage));
const UsersPage = lazyPage(() => import('./pages/admin/UsersPage').then((m) => m.UsersPage));
const CalendarPage = lazyPage(() => import('./pages/admin/CalendarPage').then((m) => m.CalendarPage));
const AuditPage = lazyPage(() => import('./pages/admin/AuditPage').then((m) => m.AuditPage));
const LoginPage = lazyPage(() => import('./pages/LoginPage').then((m) => m.LoginPage));
const NotFoundPage = lazyPage(() => import('./pages/NotFoundPage').then((m) => m.NotFoundPage));
const ModulePlaceholder = lazyPage(() => import('./pages/ModulePlaceholder').then((m) => m.ModulePlaceholder));
const PasswordPage = lazyPage(() => import('./pages/PasswordPage').then((m) => m.PasswordPage));

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
      <Suspense fallback={<Spin fullscreen tip="Đang tải…" />}>
        <Routes>
          {MODULES.flatMap((m) => (m.publicRoutes ?? []).map((r) => <Route key={r.path} path={r.path} element={r.element} />))}
        </Routes>
      </Suspense>
    );
  }
  return <SignedInGate />;
}

/**
 * Opening `/`: the shell waits the few milliseconds until the home page's code is here as well, so the page
 * appears whole in one pass (a page that suspends under a shown shell is revealed only after React's
 * ~300 ms fallback delay).
 */
function useHomeReady(onHome: boolean): boolean {
  const [ready, setReady] = useState(() => !onHome || HomePage.isLoaded());
  useEffect(() => {
    if (ready) return;
    let live = true;
    // In a transition: the first drawing of the shell and the home page (~300 ms of styles, cold) yields now
    // and then, so the figures' requests (started as it renders, useEagerQuery) leave meanwhile.
    const show = () => live && startTransition(() => setReady(true));
    HomePage.preload().then(show, show); // a failed download is shown by the page's own error boundary
    return () => {
      live = false;
    };
  }, [ready]);
  return ready;
}

function SignedInGate() {
  const me = useMeQuery();
  const location = useLocation();
  const homeReady = useHomeReady(location.pathname === '/');
  if (me.isPending || (me.data && !homeReady)) return <Spin fullscreen tip="Đang tải…" />;
  if (me.isError)
    return <Alert type="error" showIcon style={{ margin: 24 }} message="Không tải được ứng dụng" description={errorMessage(me.error)} />;
  if (!me.data) {
    return (
      <Suspense fallback={<Spin fullscreen tip="Đang tải…" />}>
        <Routes>
          <Route path="/login" element={<LoginPage onStart={preloadHome} />} />
          <Route path="*" element={<Navigate to="/login" replace state={{ from: location.pathname + location.search }} />} />
        </Routes>
      </Suspense>
    );
  }
  return (
    <SessionProvider me={me.data}>
      <Routes>
        <Route path="/login" element={<Navigate to="/" replace />} />
        {MODULES.flatMap((m) =>
          (m.fullScreenRoutes ?? []).map((r) => (
            <Route
              key={`${m.path}/${r.path}`}
              path={`${m.path}/${r.path}`}
              element={<Suspense fallback={<Spin fullscreen tip="Đang tải…" />}>{r.element}</Suspense>}
            />
          )),
        )}
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
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </SessionProvider>
  );
}
