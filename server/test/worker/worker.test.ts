/**
 * `npm run worker` beside an API-only `npm start` (EXECUTOR=false), as separate processes on
 * one database: the API records a signed webhook's run, the worker runs it; a worker stopped
 * by SIGTERM mid-step gives its run back and a second worker finishes it, sending the effect
 * again under the same idempotency key. And the worker's refusals: no running embedded
 * PostgreSQL, a database without this version's migrations.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../db/test-database';
import { deliver, freePort, ready, startServer, type ServerProcess } from '../crash/processes';
import { eventually } from '../runs/support';
import {
  logLines,
  publishHookWorkflow,
  readyWorkerId,
  startHoldingMock,
  startWorkerProcess,
  type WorkerProcess,
} from './support';

let db: TestDatabase;
let dir: string;
let mock: Awaited<ReturnType<typeof startHoldingMock>>;
let api: ServerProcess;
let hook: { workflowId: string; secret: string };
const workers: WorkerProcess[] = [];
const SECRET_KEY = randomBytes(32).toString('base64');

const env = () => ({
  DATABASE_URL: db.url,
  SECRET_KEY,
  SEED_DEMO: 'false',
  SEED_HISTORY: 'false',
  SERVE_CLIENT: 'false',
  OUTBOUND_ALLOW: '127.0.0.1/32',
  EXPRESSION_PROCESSES: '1',
  LOG_FORMAT: 'json',
  LOG_LEVEL: 'info',
  EXECUTOR_CONCURRENCY: '4',
  // A stopping worker waits this long for the held step before giving its run back.
  EXECUTOR_STOP_GRACE_MS: '300',
});

async function worker(): Promise<{ process: WorkerProcess; id: string }> {
  const w = startWorkerProcess(env());
  workers.push(w);
  const id = await eventually(async () => readyWorkerId(w), 60_000);
  return { process: w, id };
}

const run = (runId: string) =>
  db.prisma.run.findUniqueOrThrow({ where: { id: runId }, select: { status: true, leaseOwner: true } });

/** Waits until the mock has seen `n` calls. */
const calls = (n: number) => eventually(async () => (mock.keys().length >= n ? true : undefined), 30_000);

const succeeded = (runId: string) =>
  eventually(async () => ((await run(runId)).status === 'succeeded' ? true : undefined), 30_000);

/** Whether `w` logged the run's success (its lines carry its worker id). */
const loggedSuccess = (w: WorkerProcess, runId: string) =>
  logLines(w.output()).some((l) => l.runId === runId && l.msg === 'run succeeded');

beforeAll(async () => {
  db = await createTestDatabase();
  dir = mkdtempSync(join(tmpdir(), 'autonomic-worker-test-'));
  mock = await startHoldingMock();
  hook = await publishHookWorkflow(db.prisma, SECRET_KEY, mock.url);
  api = startServer({ ...env(), EXECUTOR: 'false' }, await freePort(), join(dir, 'api.log'));
  await ready(api);
});

afterAll(async () => {
  for (const w of workers) w.signal('SIGKILL');
  api?.child.kill('SIGKILL');
  await Promise.all([...workers.map((w) => w.exited), api?.exited]);
  await mock?.close();
  rmSync(dir, { recursive: true, force: true });
  await db?.drop();
});

describe('npm run worker beside an API-only server', () => {
  it('when the API-only server records a signed webhook, then the worker process runs it', async () => {
    const first = await worker();

    const delivery = await deliver(api.port, hook.workflowId, hook.secret, 1);
    if (!delivery.ok) throw new Error(delivery.reason);
    await calls(1);

    // Mid-step the run is leased to the worker, not to the API process.
    expect((await run(delivery.runId)).leaseOwner).toBe(first.id);
    mock.release();
    await succeeded(delivery.runId);
    expect(loggedSuccess(first.process, delivery.runId)).toBe(true);
    expect(logLines(first.process.output()).find((l) => l.runId === delivery.runId)?.workerId).toBe(first.id);
  }, 120_000);

  it('when a worker gets SIGTERM mid-step, then it gives the run back and a second worker finishes it under the same idempotency key', async () => {
    mock.hold();
    const before = mock.keys().length;
    const doomed = workers[0];
    if (!doomed) throw new Error('the first test starts a worker');
    const doomedId = readyWorkerId(doomed);
    const delivery = await deliver(api.port, hook.workflowId, hook.secret, 2);
    if (!delivery.ok) throw new Error(delivery.reason);
    await calls(before + 1);
    expect((await run(delivery.runId)).leaseOwner).toBe(doomedId);

    doomed.signal('SIGTERM');
    expect(await doomed.exited).toBe(0);
    expect(doomed.output()).toContain('worker stopped');
    // Given back, not left leased until the lease expires.
    expect((await run(delivery.runId)).leaseOwner).toBeNull();

    const second = await worker();
    await calls(before + 2);
    expect((await run(delivery.runId)).leaseOwner).toBe(second.id);
    mock.release();
    await succeeded(delivery.runId);

    const [sent, resent] = mock.keys().slice(before);
    expect(sent).toMatch(/\S/);
    expect(resent).toBe(sent);
    expect(mock.keys()).toHaveLength(before + 2);
    expect(loggedSuccess(second.process, delivery.runId)).toBe(true);
    expect(loggedSuccess(doomed, delivery.runId)).toBe(false);
  }, 120_000);
});

describe('npm run worker refuses to start', () => {
  it('when no DATABASE_URL is set and no server runs the embedded PostgreSQL, then it says so and exits 1', async () => {
    const w = startWorkerProcess({ DATABASE_URL: '', DATA_DIR: join(dir, 'empty'), LOG_LEVEL: 'silent' });
    expect(await w.exited).toBe(1);
    expect(w.output()).toContain(`no embedded PostgreSQL runs in ${join(dir, 'empty', 'pg')}: start the server first`);
  }, 60_000);

  it('when the database lacks a migration of this version, then it names what to do and exits 1', async () => {
    const bare = await createTestDatabase({ migrated: false });
    try {
      const w = startWorkerProcess({ ...env(), DATABASE_URL: bare.url, LOG_LEVEL: 'silent' });
      expect(await w.exited).toBe(1);
      expect(w.output()).toMatch(/the database lacks \d+ migration\(s\) of this version .*start the API server/);
    } finally {
      await bare.drop();
    }
  }, 60_000);
});
