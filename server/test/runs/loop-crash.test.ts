import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testContext } from '../support/app';
import { createTestDatabase, type TestDatabase } from '../db/test-database';
import { eventually, post, publishedWorkflow, RecordingEffects, runtime, step, workflow } from './support';

let db: TestDatabase;
let dir: string;
beforeAll(async () => {
  db = await createTestDatabase();
  dir = mkdtempSync(join(tmpdir(), 'autonomic-loop-crash-'));
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await db.drop();
});

const FIXTURE = fileURLToPath(new URL('./fixtures/loop-crash-worker.ts', import.meta.url));
const lines = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : []);

describe('durable runs: a process killed in the middle of a repeat-until loop', () => {
  it('when the process is SIGKILLed in round 3 after round 2 was committed then another process performs round 3, not rounds 1 and 2 again', async () => {
    // start → repeat (until loop.round = 4, checked before: 3 rounds) ─body→ revoke (POST) → back to repeat
    //                                                                  └done→ notify (POST)
    const doc = workflow('repeat', {
      repeat: step(
        'loop',
        { until: 'loop.round = 4', check: 'before', maxRounds: 10 },
        { body: 'revoke', done: 'notify' },
      ),
      revoke: post('https://idp.example/revoke', { out: 'repeat' }),
      notify: post('https://chat.example/done'),
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
      const api = runtime(ctx, db.url, new RecordingEffects());
      const { runId } = await api.starter.startLive({ workflowId: wf.workflowId, event: {}, trigger: 'webhook' });
      await eventually(async () => (lines(log).includes(`start ${runId}:revoke[2]:1`) ? true : undefined), 10_000);
      doomed.kill('SIGKILL');
      await exited;
      await api.executor.stop();

      const survivor = runtime(ctx, db.url, new RecordingEffects({ log }));
      await survivor.executor.start();
      const done = await survivor.starter.waitForRun(runId, 10_000);
      await survivor.executor.stop();

      expect(done.status).toBe('succeeded');
      const key = (stepKey: string) => `start ${runId}:${stepKey}:1`;
      expect(lines(log).filter((l) => l.startsWith('start '))).toEqual(
        ['revoke[0]', 'revoke[1]', 'revoke[2]', 'revoke[2]', 'notify'].map(key),
      );
      const rows = await db.prisma.stepRun.findMany({ where: { runId }, orderBy: { startedAt: 'asc' } });
      expect(rows.filter((r) => r.stepId === 'revoke').map((r) => `${r.stepKey}:${r.attempt}:${r.status}`)).toEqual([
        'revoke[0]:1:succeeded',
        'revoke[1]:1:succeeded',
        'revoke[2]:1:succeeded',
      ]);
    } finally {
      doomed.kill('SIGKILL');
    }
    // A process start and waits on conditions, each with its own limit: longer than the default on a loaded machine.
  }, 120_000);
});
