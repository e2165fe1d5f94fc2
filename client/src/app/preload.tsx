import { matchPath } from 'react-router';
import { WorkflowListPage } from './pages';
import { routes } from './routes';

/** The pages App.tsx declares itself. */
const OWN = [{ path: '/workflows', element: <WorkflowListPage /> }];

/**
 * Starts downloading the code of the page at `pathname` (see `page()` in pages.tsx), so
 * that it arrives while sign-in is being checked instead of after it.
 */
export function preloadRoute(pathname: string): void {
  const type: unknown = [...OWN, ...routes].find((r) => matchPath(r.path, pathname))?.element.type;
  if (typeof type === 'function' && 'preload' in type && typeof type.preload === 'function') type.preload();
}
