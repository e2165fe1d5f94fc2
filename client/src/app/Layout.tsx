import { NavLink, Outlet, useNavigate } from 'react-router';
import { useAuth } from '../auth/store';
import { navFor } from './nav';

export function Layout() {
  const user = useAuth((s) => s.user);
  const logout = useAuth((s) => s.logout);
  const navigate = useNavigate();
  if (!user) return null;
  return (
    <div className="shell">
      <header className="topbar">
        <span className="brand">Autonomic</span>
        <nav aria-label="Main">
          <ul>
            {navFor(user.role).map((item) => (
              <li key={item.to}>
                <NavLink to={item.to}>{item.label}</NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <span className="who" data-testid="current-user">
          {user.displayName} · {user.role}
        </span>
        <NavLink to="/account">Account</NavLink>
        <button
          type="button"
          onClick={() => {
            void logout().then(() => navigate('/login'));
          }}
        >
          Sign out
        </button>
      </header>
      <main className="content">
        <Outlet />
      </main>
    </div>
  );
}
