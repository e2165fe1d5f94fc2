import { stopServerAndRemove } from './server';

/**
 * Removes the throwaway data folder. Playwright stops its web server only after global
 * teardown, so the server is stopped here first (it shuts its database down cleanly).
 */
export default async function globalTeardown(): Promise<void> {
  const dataDir = process.env.AUTONOMIC_E2E_DATA_DIR;
  if (dataDir) await stopServerAndRemove(dataDir);
}
