/**
 * Live run streams across processes: the executor runs in a child process (another
 * process, the same database), the API in this one without an executor (as with
 * EXECUTOR=false). The run page's stream must carry the steps and the status of a run
 * driven elsewhere, in order, and a stream that joins or reconnects mid-run misses nothing.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../db/test-database';
import {
  eventually,
  post,
  publishedWorkflow,
  RecordingEffects,
  runtime,
  step,
  transform,
  workflow,
} from '../runs/support';
import { createUser, testContext } from '../support/app';
import { openStream, type Frame, type SseClient } from './sse-client';

let db: TestDatabase;
let dir = '';
beforeAll(async () => {
  db = await createTestDatabase();
  dir = mkdtempSync(join(tmpdir(), 'autonomic-live-'));
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await db.drop();
});

function startDriver(gate: string) {
  const fixture = fileURLToPath(new URL('./fixtures/follow-worker.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', fixture, db.url, gate], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (b: Buffer) => (output += b.toString()));
  child.stderr.on('data', (b: Buffer) => (output += b.toString()));
  const exited = new Promise((r) => child.on('exit', r));
  return { output: () => output, exited, kill: () => child.kill('SIGKILL') };
}

const steps = (c: SseClient) => c.frames.flatMap((f) => (f.event === 'step' ? [f] : []));
const label = (f: Frame & { event: 'step' }) => `${f.data.stepKey}:${f.data.attempt}:${f.data.status}`;
const ended = (c: SseClient) => c.frames.some((f) => f.event === 'run' && f.data.status === 'succeeded');
/** Frame ids as the stream orders them: transaction, then row. */
const order = (id = '') => {
  const [xid = '0', row = ''] = id.split('.');
  return [Number(xid), row] as const;
};
const ascending = (ids: string[]) =>
  ids.every((id, i) => {
    if (i === 0) return true;
    const [x0, r0] = order(ids[i - 1]);
    const [x1, r1] = order(id);
    return x1 > x0 || (x1 === x0 && r1 > r0);
  });

describe('live run stream of a run driven by another process', () => {
  it('when the executor runs in another process then the stream shows every step in order and the end; one that reconnects with Last-Event-ID and one that joins mid-run miss nothing', async () => {
    // start → enrich (transform) → repeat (until loop.round = 4: rounds 1–3) ─body→ revoke (POST) → repeat
    //                                                                    └done→ gate (POST, waits for the gate file) → notify (POST)
    const doc = workflow('enrich', {
      enrich: transform('{ "user": "mallory" }', { out: 'repeat' }),
      repeat: step(
        'loop',
        { until: 'loop.round = 4', check: 'before', maxRounds: 10 },
        { body: 'revoke', done: 'gate' },
      ),
      revoke: post('https://idp.example/revoke', { out: 'repeat' }),
      gate: post('https://chat.example/hold', { out: 'notify' }),
      notify: post('https://chat.example/done'),
    });
    const wf = await publishedWorkflow(db.prisma, doc);
    const user = await createUser(db.prisma, 'analyst');
    const gate = join(dir, 'gate');
    const driver = startDriver(gate);
    // The API process: its executor is never started (EXECUTOR=false), so it drives nothing.
    const api = runtime(testContext(db.prisma), db.url, new RecordingEffects());
    const server: Server = api.app.listen(0);
    const streams: SseClient[] = [];
    try {
      await eventually(async () => (driver.output().includes('ready') ? true : undefined), 60_000);
      const { runId } = await api.starter.startLive({ workflowId: wf.workflowId, event: {}, trigger: 'webhook' });
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/runs/${runId}/events`;
      const auth = { authorization: user.auth };

      // Act 1: a stream from the start, until the run waits at the gate.
      const first = await openStream(url, auth);
      streams.push(first);
      await eventually(
        async () => (steps(first).some((f) => label(f) === 'revoke[2]:1:succeeded') ? true : undefined),
        30_000,
      );
      first.close();
      const lastId = first.lastId();
      expect(lastId).toBeDefined();

      // Act 2: the same browser reconnecting with Last-Event-ID, and a page opened now (no id).
      const resumed = await openStream(url, { ...auth, 'last-event-id': lastId ?? '' });
      const joined = await openStream(url, auth);
      streams.push(resumed, joined);
      writeFileSync(gate, 'open');
      await eventually(async () => (ended(resumed) && ended(joined) ? true : undefined), 30_000);

      const rows = await db.prisma.stepRun.findMany({ where: { runId } });
      const final = rows.map((r) => `${r.stepKey}:${r.attempt}:${r.status}`).sort();
      expect(final).toEqual(
        ['enrich', 'repeat', 'revoke[0]', 'revoke[1]', 'revoke[2]', 'gate', 'notify']
          .map((k) => `${k}:1:succeeded`)
          .sort(),
      );
      for (const stream of [joined, { frames: [...first.frames, ...resumed.frames] }]) {
        const seen = stream.frames.flatMap((f) => (f.event === 'step' ? [f] : []));
        // Every attempt's latest state arrived, and no frame twice.
        const latest = new Map(seen.map((f) => [`${f.data.stepKey}:${f.data.attempt}`, label(f)]));
        expect([...latest.values()].sort()).toEqual(final);
        expect(new Set(seen.map((f) => f.id)).size).toBe(seen.length);
        // In commit order: ids ascend, the chain's steps end in the chain's order, the run's end comes last.
        expect(ascending(seen.map((f) => f.id ?? ''))).toBe(true);
        const endOf = (key: string) => seen.findIndex((f) => label(f) === `${key}:1:succeeded`);
        const chain = ['enrich', 'revoke[0]', 'revoke[1]', 'revoke[2]', 'gate', 'notify'].map(endOf);
        expect(chain).toEqual([...chain].sort((a, b) => a - b));
        expect(stream.frames.at(-1)).toMatchObject({ event: 'run', data: { runId, status: 'succeeded' } });
      }
      // The resumed stream starts after what the first one had: nothing sent twice across them.
      const firstIds = new Set(steps(first).map((f) => f.id));
      expect(steps(resumed).filter((f) => firstIds.has(f.id))).toEqual([]);
      // Every step that ended in the driving process (its own bus) reached the API's stream.
      const local = driver
        .output()
        .split('\n')
        .filter((l) => l.startsWith('step '))
        .map((l) => JSON.parse(l.slice(5)) as { stepKey: string; attempt: number; status: string });
      const streamed = new Set(steps(joined).map(label));
      for (const e of local.filter((e) => e.status !== 'waiting'))
        expect(streamed).toContain(`${e.stepKey}:${e.attempt}:${e.status}`);
    } finally {
      for (const s of streams) s.close();
      driver.kill();
      await driver.exited;
      await new Promise((r) => server.close(r));
      await api.executor.stop();
    }
  }, 120_000);
});
