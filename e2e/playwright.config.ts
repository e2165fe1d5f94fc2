/**
 * End-to-end tests: the real server on a throwaway embedded database, Debian's Chromium
 * (never a Playwright browser download), one worker (2-core machines).
 *
 * The client must be built first (`npm run test:e2e` builds it when it is stale). The data folder and port
 * are chosen once, in the runner process, and handed to workers and teardown through the
 * environment (workers load this file again).
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';
import { freePortSync, makeDataDir, REPO_ROOT, SERVER_COMMAND, serverEnv } from './support/server';

if (!process.env.AUTONOMIC_E2E_DATA_DIR) {
  const created = makeDataDir();
  process.env.AUTONOMIC_E2E_DATA_DIR = created;
  // A safety net for runs that never reach the global teardown (the server failed to start).
  process.on('exit', () => rmSync(created, { recursive: true, force: true }));
}
process.env.AUTONOMIC_E2E_PORT ??= String(freePortSync());
const dataDir = process.env.AUTONOMIC_E2E_DATA_DIR;
const port = Number(process.env.AUTONOMIC_E2E_PORT);
const baseURL = `http://127.0.0.1:${port}`;
const CI = !!process.env.CI;

export default defineConfig({
  testDir: './specs',
  outputDir: join(REPO_ROOT, 'test-results'),
  globalSetup: './support/global-setup.ts',
  globalTeardown: './support/global-teardown.ts',
  workers: 1,
  fullyParallel: false,
  forbidOnly: CI,
  retries: CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: CI
    ? [['list'], ['html', { open: 'never', outputFolder: join(REPO_ROOT, 'playwright-report') }]]
    : [['list']],
  use: {
    baseURL,
    viewport: { width: 1440, height: 900 },
    trace: 'on-first-retry',
    screenshot: 'only-on-failure',
    actionTimeout: 15_000,
    navigationTimeout: 30_000,
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
  webServer: {
    command: SERVER_COMMAND,
    cwd: REPO_ROOT,
    env: serverEnv(dataDir, port),
    url: `${baseURL}/healthz`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
    // The teardown stops it first (before removing its data folder); this is for Ctrl+C.
    gracefulShutdown: { signal: 'SIGTERM', timeout: 15_000 },
  },
});
