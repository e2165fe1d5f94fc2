import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOLD_LIVENESS, reclaimDeadOwners } from '../../src/store/runs-queue';
import { createPgPool, pgSql } from '../../src/store/runs-sql';
import { testContext } from '../support/app';
import { createTestDatabase, type TestDatabase } from '../db/test-database';
import { eventually, post, publishedWorkflow, RecordingEffects, runtime, workflow } from './support';

// A dead executor is known at once: it held a session-level advisory lock on its worker id
// until its connection died. Peers (and a restarted server) free its runs without waiting
// for its leases, which here last 10 minutes so that only the lock can explain a recovery.

let db: TestDatabase;
let dir: string;
let pool: pg.Pool;
beforeAll(async () => {
  db = await createTestDatabase();
  dir = mkdtempSync(join(tmpdir(), 'autonomic-liveness-'));
  pool = createPgPool(db.url, 2);
});
afterAll(async () => {
  await pool.end();
  rmSync(dir, { recursive: true, force: true });
  await db.drop();
});

const FIXTURE = fileURLToPath(new URL('./fixtures/crash-worker.ts', import.meta.url));
const TEN_MINUTES = 600_000;
const lines = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : []);
/** The effects log of one run (other tests' runs in this database may be claimed meanwhile). */
const linesOf = (file: string, runId: string) => lines(file).filter((l) => l.includes(runId));

// start → one → two → three (hangs in the doomed process) → four, all POST (writes)
const doc = workflow('one', {
  one: post('https://x.example/1', { out: 'two' }),
  two: post('https://x.example/2', { out: 'three' }),
  three: post('https://x.example/3', { out: 'four' }),
  four: post('https://x.example/4'),
});

async function leaseOwner(runId: string): Promise<string | null | undefined> {
  const run = await db.prisma.run.findUnique({ where: { id: runId }, select: { leaseOwner: true } });
  return run?.leaseOwner;
}

/** A test context whose warnings are kept: the executor says which dead processes it found. */
function watchedContext() {
  const warnings: { owner?: string; runs?: number; msg: string }[] = [];
  const stream = { write: (line: string) => void warnings.push(JSON.parse(line) as (typeof warnings)[number]) };
  return { ctx: { ...testContext(db.prisma), log: pino({ level: 'warn' }, stream) }, warnings };
}
const deaths = (warnings: { owner?: string; msg: string }[]) =>
  warnings.filter((w) => w.msg.includes('process died')).map((w) => w.owner);

/** Spawns the doomed executor (10-minute leases) and has it claim a run that hangs in step three. */
async function doomedRun(log: string): Promise<{ doomed: ChildProcess; exited: Promise<unknown>; runId: string }> {
  const wf = await publishedWorkflow(db.prisma, doc);
  const doomed = spawn(process.execPath, ['--import', 'tsx', FIXTURE, db.url, log, String(TEN_MINUTES)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  doomed.stdout?.on('data', (b: Buffer) => (output += b.toString()));
  doomed.stderr?.on('data', (b: Buffer) => (output += b.toString()));
  const exited = new Promise((r) => doomed.on('exit', r));
  await eventually(async () => (output.includes('ready') ? true : undefined), 30_000);
  // An API-only process (its executor not started) records the run; the doomed one claims it.
  const api = runtime(testContext(db.prisma), db.url, new RecordingEffects());
  const { runId } = await api.starter.startLive({ workflowId: wf.workflowId, event: {}, trigger: 'webhook' });
  await api.executor.stop();
  await eventually(async () => (lines(log).includes(`start ${runId}:three:1`) ? true : undefined), 15_000);
  return { doomed, exited, runId };
}

describe('executor liveness: dead executors are found through their advisory lock', () => {
  it('when one lease owner holds its liveness lock and another does not then only the dead one’s runs are freed, and the live one’s once its session ends', async () => {
    const wf = await publishedWorkflow(db.prisma, doc);
    const api = runtime(testContext(db.prisma), db.url, new RecordingEffects());
    const alive = await api.starter.startLive({ workflowId: wf.workflowId, event: {}, trigger: 'webhook' });
    const dead = await api.starter.startLive({ workflowId: wf.workflowId, event: {}, trigger: 'webhook' });
    await api.executor.stop();
    const lease = (runId: string, owner: string) =>
      db.prisma.run.update({
        where: { id: runId },
        data: { leaseOwner: owner, leaseExpiresAt: new Date(Date.now() + TEN_MINUTES) },
      });
    await lease(alive.runId, 'owner-alive');
    await lease(dead.runId, 'owner-dead');
    const session = new pg.Client({ connectionString: db.url });
    await session.connect();
    await session.query(HOLD_LIVENESS, ['owner-alive']);

    const first = await reclaimDeadOwners(pgSql(pool), 'peer');
    expect(first).toEqual([{ owner: 'owner-dead', runs: 1 }]);
    expect(await leaseOwner(dead.runId)).toBeNull();
    expect(await leaseOwner(alive.runId)).toBe('owner-alive');
    // The lock test holds the lock for the statement only: the owner could take it again now.
    expect(await reclaimDeadOwners(pgSql(pool), 'peer')).toEqual([]);

    await session.end();
    const second = await eventually(async () => {
      const r = await reclaimDeadOwners(pgSql(pool), 'peer');
      return r.length > 0 ? r : undefined;
    });
    expect(second).toEqual([{ owner: 'owner-alive', runs: 1 }]);
    expect(await leaseOwner(alive.runId)).toBeNull();
  });

  it('when an executor is SIGKILLed while a peer runs then the peer finishes its run without waiting for the lease', async () => {
    const log = join(dir, 'peer.log');
    const { doomed, exited, runId } = await doomedRun(log);
    const { ctx, warnings } = watchedContext();
    const peer = runtime(ctx, db.url, new RecordingEffects({ log }));
    try {
      await peer.executor.start();
      // The peer looked at start: the doomed process lives (holds its lock), so its run stays with it.
      expect(deaths(warnings)).toEqual([]);
      expect(await leaseOwner(runId)).toBe('doomed');

      doomed.kill('SIGKILL');
      await exited;
      const done = await eventually(async () => {
        const s = await peer.starter.waitForRun(runId, 1_000);
        return s.status === 'succeeded' ? s : undefined;
      }, 30_000);

      expect(done.status).toBe('succeeded');
      expect(deaths(warnings)).toEqual(['doomed']);
      expect(linesOf(log, runId).filter((l) => l.startsWith('start '))).toEqual(
        ['one', 'two', 'three', 'three', 'four'].map((s) => `start ${runId}:${s}:1`),
      );
    } finally {
      doomed.kill('SIGKILL');
      await peer.executor.stop();
    }
  }, 90_000);

  it('when an executor is SIGKILLed and a new one starts then the new one takes its run at start, without waiting for the lease', async () => {
    const log = join(dir, 'restart.log');
    const { doomed, exited, runId } = await doomedRun(log);
    doomed.kill('SIGKILL');
    await exited;

    const restarted = runtime(testContext(db.prisma), db.url, new RecordingEffects({ log }), {
      livenessMs: TEN_MINUTES,
    });
    try {
      await restarted.executor.start();
      const done = await restarted.starter.waitForRun(runId, 30_000);

      expect(done.status).toBe('succeeded');
      expect(linesOf(log, runId).filter((l) => l.startsWith('done '))).toEqual(
        ['one', 'two', 'three', 'four'].map((s) => `done ${runId}:${s}:1`),
      );
    } finally {
      await restarted.executor.stop();
    }
  }, 90_000);
});
