/**
 * The last line `npm start` prints: where to open the UI and how to sign in, so that a
 * person at the terminal knows what to do next without reading the lines above.
 */
import { DEMO_PASSWORD } from './seed/users';

export interface ReadyFacts {
  /** Where people reach the server (PUBLIC_URL, or the address it listens on). */
  url: string;
  /** The UI at `url`: served, not built yet, or turned off (SERVE_CLIENT=false). */
  ui: 'served' | 'not-built' | 'off';
  /** Users in the database. */
  users: number;
  /** Demo users that exist and are enabled. */
  demoUsers: readonly string[];
  /** This start created the demo users (so their password is still the public one). */
  demoCreated: boolean;
}

/** The address a browser can open: a wildcard listen address becomes `localhost`. */
export function openableUrl(host: string, port: number, publicUrl?: string): string {
  if (publicUrl) return publicUrl.replace(/\/+$/, '');
  const name =
    host === '0.0.0.0' || host === '::' || host === '' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return `http://${name}:${port}`;
}

/** Who to sign in as, or what to do when nobody can yet. */
function signIn(f: ReadyFacts): string {
  if (f.users === 0) return 'no users yet: start on an empty database with SEED_DEMO=true to create the demo users';
  if (f.demoUsers.length === 0) return 'sign in with your account';
  const preferred = ['alice', 'admin'].filter((u) => f.demoUsers.includes(u));
  const names = (preferred.length > 0 ? preferred : f.demoUsers.slice(0, 2)).join(' or ');
  const unless = f.demoCreated ? '' : ' unless it was changed';
  return `sign in as ${names} with the demo password "${DEMO_PASSWORD}"${unless} (demo users are listed in README.md)`;
}

/** One line: open this, sign in like that. */
export function readyLine(f: ReadyFacts): string {
  if (f.ui === 'not-built') {
    return `Ready. The API is at ${f.url}/api; the UI is not built (run \`npm run build\`, then open ${f.url}) and ${signIn(f)}`;
  }
  if (f.ui === 'off') return `Ready. The API is at ${f.url}/api (SERVE_CLIENT=false: no UI here)`;
  return `Ready. Open ${f.url} in a browser and ${signIn(f)}`;
}
