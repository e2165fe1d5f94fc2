import { Suspense, useEffect } from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { LoginPage } from '../auth/LoginPage';
import { useAuth } from '../auth/store';
import { Layout } from './Layout';
import { NotFound } from './NotFound';
import { PageLoading } from './PageLoading';
import { ApprovalLinkPage, WorkflowListPage } from './pages';
import { RequireAuth } from './RequireAuth';
import { routes } from './routes';

/** The page a role lands on after signing in: reviewers their inbox, managers the dashboard. */
function Home() {
  const role = useAuth((s) => s.user?.role);
  const landing = role === 'reviewer' ? '/reviews' : role === 'manager' ? '/dashboard' : '/workflows';
  return <Navigate to={landing} replace />;
}

export function App() {
  const restore = useAuth((s) => s.restore);
  useEffect(() => {
    void restore();
  }, [restore]);

  return (
    <BrowserRouter>
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        {/* Outside the sign-in wall: signed-link-only deployments decide without a session. */}
        <Route
          path="/approval-link/:token"
          element={
            <main id="main" className="standalone">
              <Suspense fallback={<PageLoading />}>
                <ApprovalLinkPage />
              </Suspense>
            </main>
          }
        />
        <Route
          element={
            <RequireAuth>
              <Layout />
            </RequireAuth>
          }
        >
          <Route index element={<Home />} />
          <Route path="/workflows" element={<WorkflowListPage />} />
          {routes.map((r) => (
            <Route key={r.path} path={r.path} element={r.element} />
          ))}
          <Route path="*" element={<NotFound />} />
        </Route>
      </Routes>
    </BrowserRouter>
  );
}
