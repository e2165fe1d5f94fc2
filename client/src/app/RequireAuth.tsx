import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useAuth } from '../auth/store';

export function RequireAuth({ children }: { children: ReactNode }) {
  const status = useAuth((s) => s.status);
  const location = useLocation();
  if (status === 'loading') return <p aria-busy="true">Loading…</p>;
  if (status === 'signed-out') return <Navigate to="/login" state={{ from: location.pathname }} replace />;
  return children;
}
