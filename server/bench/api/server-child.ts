/**
 * The server under test, in its own process (forked by api.bench.ts): the same
 * composition as `npm start` — createServer over the database at DATABASE_URL, the
 * executor started unless EXECUTOR=false — listening on a random port of 127.0.0.1.
 * Answers the benchmark's requests over IPC: CPU profiles, event-loop use, the
 * in-memory engine baseline, stop.
 */
import { writeFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { Session } from 'node:inspector/promises';
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../../src/config';
import { openDatabase } from '../../src/db/database';
import { createEngine, MemoryRunStore, systemClock } from '../../src/engine';
import { createLogger } from '../../src/log';
import { createServer } from '../../src/server';
import { chainDoc } from './seed';

export type ChildRequest =
  | { id: number; cmd: 'profile-start' }
  | { id: number; cmd: 'profile-stop'; file: string }
  | { id: number; cmd: 'elu-mark' }
  | { id: number; cmd: 'elu' }
  | { id: number; cmd: 'memory-chain'; steps: number; runs: number }
  | { id: number; cmd: 'stop' };

export interface ChildReply {
  id: number;
  value?: number;
  error?: string;
}

const config = loadConfig({ ...process.env, SEED_DEMO: 'false', SEED_HISTORY: 'false', SERVE_CLIENT: 'false' });
const log = createLogger(config.LOG_LEVEL);
if (!config.DATABASE_URL) throw new Error('the benchmark passes DATABASE_URL (already migrated)');
const db = await openDatabase({ url: config.DATABASE_URL, migrate: false });
const ctx = { config, prisma: db.prisma, log, clock: systemClock };
const server = createServer(ctx, { databaseUrl: db.url });
await server.start();
const listener = createHttpServer(server.listener).listen(0, '127.0.0.1', () => {
  const address = listener.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  process.send?.({ ready: `http://127.0.0.1:${port}` });
});

const session = new Session();
let elu = performance.eventLoopUtilization();

/** Median wall time of a chain run on the in-memory store (no database), in ms. */
async function memoryChain(steps: number, runs: number): Promise<number> {
  const engine = createEngine({
    store: new MemoryRunStore(),
    effects: { perform: async () => ({ ok: true, output: {} }) },
  });
  const doc = chainDoc(steps);
  const times: number[] = [];
  for (let i = 0; i < runs + 10; i++) {
    const t0 = performance.now();
    const r = await engine.start(doc, { n: 0 });
    if (r.status !== 'succeeded') throw new Error(`memory chain ${r.status}`);
    if (i >= 10) times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)] ?? NaN;
}

async function handle(m: ChildRequest): Promise<number | undefined> {
  switch (m.cmd) {
    case 'profile-start':
      session.connect();
      await session.post('Profiler.enable');
      await session.post('Profiler.setSamplingInterval', { interval: 250 });
      await session.post('Profiler.start');
      return undefined;
    case 'profile-stop': {
      const { profile } = await session.post('Profiler.stop');
      writeFileSync(m.file, JSON.stringify(profile));
      session.disconnect();
      return undefined;
    }
    case 'elu-mark':
      elu = performance.eventLoopUtilization();
      return undefined;
    case 'elu':
      return performance.eventLoopUtilization(elu).utilization;
    case 'memory-chain':
      return memoryChain(m.steps, m.runs);
    case 'stop':
      listener.close();
      listener.closeAllConnections();
      await server.stop();
      await db.close();
      return undefined;
  }
}

process.on('message', (m: ChildRequest) => {
  handle(m).then(
    (value) => {
      const reply: ChildReply = { id: m.id, ...(value === undefined ? {} : { value }) };
      process.send?.(reply, () => (m.cmd === 'stop' ? process.exit(0) : undefined));
    },
    (e: unknown) => process.send?.({ id: m.id, error: String(e) } satisfies ChildReply),
  );
});
