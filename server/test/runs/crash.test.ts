import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testContext } from '../support/app';
import { createTestDatabase, type TestDatabase } from '../db/test-database';
import { eventually, post, publishedWorkflow, RecordingEffects, runtime, workflow } from './support';

let db: TestDatabase;
let dir: string;
beforeAll(async () => {
  db = await createTestDatabase();
  dir = mkdtempSync(join(tmpdir(), 'autonomic-crash-'));
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await db.drop();
});

const FIXTURE = fileURLToPath(new URL('./fixtures/crash-worker.ts', import.meta.url));
const lines = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : []);

describe('durable runs: a process killed in the middle of a run', () => {
  it('when the process is SIGKILLed during step 3 then another finishes the run, no completed step runs twice, step 3 repeats with its key', async () => {
    // start → one → two → three (hangs in the doomed process) → four → five, all POST (writes)
    const doc = workflow('one', {
      one: post('https://x.example/1', { out: 'two' }),
      two: post('https://x.example/2', { out: 'three' }),
      three: post('https://x.example/3', { out: 'four' }),
      four: post('https://x.example/4', { out: 'five' }),
      five: post('https://x.example/5'),
    });
    const wf = await publishedWorkflow(db.prisma, doc);
    const log = join(dir, 'effects.log');
    const ctx = testContext(db.prisma);
    const doomed = spawn(process.execPath, ['--import', 'tsx', FIXTURE, db.url, log], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    doomed.stdout.on('data', (b: Buffer) => (output += b.toString()));
    doomed.stderr.on('data', (b: Buffer) => (output += b.toString()));
    const exited = new Promise((r) => doomed.on('exit', r));
    try {
      await eventually(async () => (output.includes('ready') ? true : undefined), 60_000);
      // The API process has no executor: the doomed one claims the run from the queue.
      const api = runtime(ctx, db.url, new RecordingEffects());
      const { runId } = await api.starter.startLive({ workflowId: wf.workflowId, event: {}, trigger: 'webhook' });
      await eventually(async () => (lines(log).includes(`start ${runId}:three:1`) ? true : undefined), 10_000);
      doomed.kill('SIGKILL');
      await exited;
      await api.executor.stop();

      const survivor = runtime(ctx, db.url, new RecordingEffects({ log }));
      await survivor.executor.start();
      const done = await survivor.starter.waitForRun(runId, 10_000);
      await survivor.executor.stop();

      expect(done.status).toBe('succeeded');
      const key = (step: string) => `${runId}:${step}:1`;
      expect(lines(log).filter((l) => l.startsWith('start '))).toEqual(
        ['one', 'two', 'three', 'three', 'four', 'five'].map((s) => `start ${key(s)}`),
      );
      expect(lines(log).filter((l) => l.startsWith('done '))).toEqual(
        ['one', 'two', 'three', 'four', 'five'].map((s) => `done ${key(s)}`),
      );
      const rows = await db.prisma.stepRun.findMany({ where: { runId }, orderBy: { startedAt: 'asc' } });
      expect(rows.map((r) => `${r.stepKey}:${r.attempt}:${r.status}`)).toEqual(
        ['one', 'two', 'three', 'four', 'five'].map((s) => `${s}:1:succeeded`),
      );
    } finally {
      doomed.kill('SIGKILL');
    }
    // It starts a process and waits on conditions (ready, step 3 started, run finished), each
    // with its own limit: the whole may take longer than the default on a loaded machine.
  }, 120_000);
});
