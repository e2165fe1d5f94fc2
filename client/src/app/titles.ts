import { matchPath } from 'react-router';
import { routes } from './routes';

/** The pages App.tsx declares itself (the others carry their title in routes.tsx). */
const OWN = [{ path: '/workflows', title: 'Workflows' }];

/** The tab title of a signed-in page: "Runs — Autonomic" (the first route that matches). */
export function pageTitle(pathname: string): string {
  const hit = [...OWN, ...routes].find((r) => matchPath(r.path, pathname));
  if (!hit) return 'Page not found — Autonomic';
  return hit.title ? `${hit.title} — Autonomic` : 'Autonomic';
}
