import { Suspense, useEffect, type MouseEvent } from 'react';
import { NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { useAuth } from '../auth/store';
import { moreMenuLabel, navFor, type NavItem } from './nav';
import { NavMenu } from './NavMenu';
import { PageLoading } from './PageLoading';
import { pageTitle } from './titles';

const links = (items: NavItem[]) =>
  items.map((item) => (
    <li key={item.to}>
      <NavLink to={item.to} end={item.to === '/account'}>
        {item.label}
      </NavLink>
    </li>
  ));

/** Moves the focus to the page's main region (the link's own `#main` would only scroll). */
function skipToMain(e: MouseEvent) {
  e.preventDefault();
  document.getElementById('main')?.focus();
}

/**
 * The signed-in frame: a skip link, the top bar (daily pages inline, settings under
 * "Admin"/"More pages", the account menu) and the page in `<main>`. Sets the tab title per route.
 */
export function Layout() {
  const user = useAuth((s) => s.user);
  const logout = useAuth((s) => s.logout);
  const navigate = useNavigate();
  const { pathname } = useLocation();
  useEffect(() => {
    document.title = pageTitle(pathname);
  }, [pathname]);
  if (!user) return null;
  const more = navFor(user.role, 'more');
  return (
    <div className="shell">
      <a className="skip-link" href="#main" onClick={skipToMain}>
        Skip to main content
      </a>
      <header className="topbar">
        <span className="brand">Autonomic</span>
        <nav aria-label="Main">
          <ul>
            {links(navFor(user.role, 'primary'))}
            {more.length > 0 && (
              <li>
                <NavMenu label={moreMenuLabel(user.role)}>{links(more)}</NavMenu>
              </li>
            )}
          </ul>
        </nav>
        <nav aria-label="Account" className="account">
          <NavMenu
            alignEnd
            testId="current-user"
            label={
              <>
                {user.displayName} · {user.role}
              </>
            }
          >
            {links(navFor(user.role, 'account'))}
            <li>
              <button
                type="button"
                onClick={() => {
                  void logout().then(() => navigate('/login'));
                }}
              >
                Sign out
              </button>
            </li>
          </NavMenu>
        </nav>
      </header>
      <main id="main" tabIndex={-1} className="content">
        <Suspense fallback={<PageLoading />}>
          <Outlet />
        </Suspense>
      </main>
    </div>
  );
}
