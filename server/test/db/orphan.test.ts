import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../src/db/embedded';
import { alive, existingPostmaster, stopPostmaster } from '../../src/db/postmaster';

// A server killed with SIGKILL leaves its embedded PostgreSQL running, re-parented. The next
// start stops that orphan and says so in one warning; a cluster another live process shares
// is not an orphan, even when the process that started it died.

const FIXTURE = fileURLToPath(new URL('./fixtures/embedded-owner.ts', import.meta.url));
// A parent that does not exist yet: the cluster code creates it for the `postgres` OS user.
const root = join(tmpdir(), `autonomic-orphan-${randomBytes(4).toString('hex')}`);
const clusters: EmbeddedPostgres[] = [];
afterAll(async () => {
  for (const c of clusters) await c.stop();
  for (const dir of ['one', 'two']) {
    const left = await existingPostmaster(join(root, dir, 'pg'));
    if (left.kind !== 'none') await stopPostmaster(left.pid);
  }
  await fs.rm(root, { recursive: true, force: true });
});

/** Starts the cluster of `dataDir` in a child process, then SIGKILLs that process. */
async function startThenKill(dataDir: string, whileUp: () => Promise<void> = async () => {}): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE, dataDir], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise((r) => child.on('exit', r));
  try {
    await new Promise<void>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (b: Buffer) => {
        out += b.toString();
        if (out.includes('ready')) resolve();
      });
      child.on('exit', (code) => reject(new Error(`the cluster's process exited (${code}) before it was ready`)));
    });
    await whileUp();
  } finally {
    child.kill('SIGKILL');
    await exited;
  }
}

describe('an embedded cluster left behind by a killed server', () => {
  it('when the server that started the cluster was SIGKILLed then the next start stops the orphan and warns once', async () => {
    const dataDir = join(root, 'one', 'pg');
    await startThenKill(dataDir);
    const left = await existingPostmaster(dataDir);
    expect(left.kind).toBe('orphan');

    const warnings: string[] = [];
    const pg = await startEmbeddedPostgres({ dataDir, onWarn: (m) => warnings.push(m) });
    clusters.push(pg);

    expect(pg.owned).toBe(true);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('left running by a server that died');
    expect(warnings[0]).toContain(`pid ${left.kind === 'orphan' ? left.pid : '?'}`);
  }, 90_000);

  it('when the process that started the cluster dies while another shares it then the cluster is not an orphan', async () => {
    const dataDir = join(root, 'two', 'pg');
    const warnings: string[] = [];
    await startThenKill(dataDir, async () => {
      const shared = await startEmbeddedPostgres({ dataDir, onWarn: (m) => warnings.push(m) });
      expect(shared.owned).toBe(false);
    });

    const left = await existingPostmaster(dataDir);

    expect(left.kind).toBe('shared');
    expect(warnings).toEqual([]);
  }, 90_000);
});

describe('a process that has exited but is not reaped yet', () => {
  it('when a process is a zombie (its parent does not wait for it) then it does not count as alive', async () => {
    // `sh` starts a short sleep in the background, then becomes a long sleep that never
    // reaps it: the short one stays a zombie, as an orphaned postmaster does until PID 1 reaps it.
    const parent = spawn('sh', ['-c', 'sleep 0.2 & echo $!; exec sleep 30'], { stdio: ['ignore', 'pipe', 'ignore'] });
    try {
      const pid = Number(await new Promise<string>((r) => parent.stdout.once('data', (b: Buffer) => r(b.toString()))));
      expect(alive(pid)).toBe(true);
      const state = async () => (await fs.readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '')).split(') ')[1]?.[0];
      await expect.poll(state, { timeout: 10_000, interval: 50 }).toBe('Z');

      expect(alive(pid)).toBe(false);
      expect(alive(parent.pid ?? 0)).toBe(true);
    } finally {
      parent.kill('SIGKILL');
    }
  });
});
