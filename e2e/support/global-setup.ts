import type { FullConfig } from '@playwright/test';
import { clientBuildIsStale } from './server';

/**
 * Checks that the server serves the built client (the web server starts before this
 * runs, so building here would be too late: `npm run test:e2e` builds first).
 */
export default async function globalSetup(config: FullConfig): Promise<void> {
  const baseURL = config.projects[0]?.use.baseURL;
  if (!baseURL) throw new Error('e2e: no baseURL configured');
  const html = await (await fetch(`${baseURL}/login`)).text();
  if (!html.includes('id="root"')) {
    throw new Error('e2e: the server does not serve the client. Build it first: npm run build -w client');
  }
  if (clientBuildIsStale()) {
    console.warn('e2e: client/dist is older than its sources; `npm run test:e2e` rebuilds it.');
  }
}
