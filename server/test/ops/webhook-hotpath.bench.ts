/**
 * The webhook hot path under load: signed POST → signature checked (cached secret) →
 * nonce INSERT (batched) → run row INSERT (a stand-in for RunStarter.startLive: BENCH_RUNS=
 * single|batched|none) → 202.
 * The server runs in a child process; this process is the load generator (undici Pool,
 * every request freshly signed). Both share the machine's cores, as a local benchmark would.
 *
 * Run: [BENCH_RUNS=batched] npx tsx server/test/ops/webhook-hotpath.bench.ts [seconds=10] [connections=64]
 */
import { fork } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Pool } from 'undici';

const [, , role] = process.argv;

async function serve(): Promise<void> {
  const { openDatabase } = await import('../../src/db/database');
  const { newId } = await import('../../src/db/ids');
  const { buildApp } = await import('../../src/http/app');
  const { webhookRoutes } = await import('../../src/http/routes/webhooks');
  const { createSecretsVault } = await import('../../src/services/secrets');
  const { createWebhookSecrets, createWebhookService } = await import('../../src/services/triggers');
  const { loadConfig } = await import('../../src/config');
  const { systemClock } = await import('../../src/engine');
  const { pino } = await import('pino');
  const { Prisma } = await import('../../src/generated/prisma/client');

  const dataDir = join(tmpdir(), `autonomic-webhook-bench-${process.pid}`, 'pg');
  const db = await openDatabase({ url: '', embedded: { dataDir }, poolSize: 16 });
  const ctx = { config: loadConfig({}), prisma: db.prisma, log: pino({ level: 'warn' }), clock: systemClock };
  const owner = await db.prisma.user.create({ data: { username: 'bench', displayName: 'Bench', passwordHash: '-' } });
  const wf = await db.prisma.workflow.create({ data: { slug: 'bench', name: 'Bench', ownerId: owner.id } });
  const version = await db.prisma.workflowVersion.create({
    data: {
      workflowId: wf.id,
      number: 1,
      status: 'published',
      contentHash: 'h',
      authorId: owner.id,
      document: {
        formatVersion: 1,
        metadata: { name: 'Bench' },
        trigger: { id: 't', type: 'trigger.webhook', params: {} },
      },
    },
  });
  await db.prisma.workflow.update({ where: { id: wf.id }, data: { publishedVersionId: version.id } });
  const vault = createSecretsVault(ctx, randomBytes(32));
  // The stand-in for startLive: one INSERT per run, or (BENCH_RUNS=batched) one multi-row
  // INSERT per batch of concurrent starts, with one statement in flight.
  const insertRuns = (rows: { id: string; event: unknown; trigger: string }[]) =>
    db.prisma.$executeRaw(Prisma.sql`
      INSERT INTO runs (id, workflow_id, version_id, mode, status, trigger_type, input)
      VALUES ${Prisma.join(
        rows.map(
          (r) =>
            Prisma.sql`(${r.id}::uuid, ${wf.id}::uuid, ${version.id}::uuid, 'live', 'queued', ${r.trigger}, ${JSON.stringify(r.event)}::jsonb)`,
        ),
      )}`);
  const queue: { id: string; event: unknown; trigger: string; done: (e?: unknown) => void }[] = [];
  let flushing = false;
  const flush = async () => {
    flushing = true;
    while (queue.length) {
      const batch = queue.splice(0, 500);
      await insertRuns(batch).then(
        () => batch.forEach((b) => b.done()),
        (e: unknown) => batch.forEach((b) => b.done(e)),
      );
    }
    flushing = false;
  };
  const runs = {
    async startLive(input: { workflowId: string; event: unknown; trigger: string }) {
      const id = newId();
      const mode = process.env.BENCH_RUNS ?? 'single';
      if (mode === 'none') return { runId: id, deduplicated: false };
      if (mode === 'single') await insertRuns([{ id, ...input }]);
      else {
        await new Promise<void>((resolve, reject) => {
          queue.push({ id, ...input, done: (e) => (e ? reject(e) : resolve()) });
          if (!flushing) void flush();
        });
      }
      return { runId: id, deduplicated: false };
    },
    waitForRun: async (runId: string) => ({ runId, status: 'queued' as const }),
  };
  const webhooks = createWebhookService(ctx, { runs, cipher: vault.cipher });
  const { secret } = await createWebhookSecrets(ctx, { cipher: vault.cipher, webhooks }).rotate(
    wf.id,
    { userId: owner.id, username: 'bench', role: 'admin', via: 'token' },
    'http://bench',
  );
  const { app } = buildApp({
    ctx,
    authenticator: { authenticate: async () => null },
    modules: [webhookRoutes({ webhooks })],
  });
  const server = app.listen(0, '127.0.0.1', () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    process.send?.({ url: `http://127.0.0.1:${port}`, path: `/api/hooks/${wf.id}`, secret });
  });
  let cpu = process.cpuUsage();
  process.on('message', async (m) => {
    if (m === 'mark') {
      cpu = process.cpuUsage();
      return;
    }
    const used = process.cpuUsage(cpu);
    const runsStored = await db.prisma.run.count();
    process.send?.({ runsStored, serverCpuMs: Math.round((used.user + used.system) / 1000) });
    server.close();
    await db.close();
    process.exit(0);
  });
}

async function load(): Promise<void> {
  const seconds = Number(process.argv[2] ?? 10);
  const connections = Number(process.argv[3] ?? 64);
  const child = fork(new URL(import.meta.url).pathname, ['serve'], {
    execArgv: [
      '--import',
      'tsx',
      ...(process.env.BENCH_PROF ? ['--cpu-prof', '--cpu-prof-dir=/tmp/webhook-prof'] : []),
    ],
  });
  const target = await new Promise<{ url: string; path: string; secret: string }>((resolve) =>
    child.once('message', resolve as never),
  );
  const pool = new Pool(target.url, { connections });
  let n = 0;
  const statuses = new Map<number, number>();
  const latencies: number[] = [];
  let measuring = false;
  let stop = false;
  async function worker() {
    while (!stop) {
      const body = JSON.stringify({ alert: 'bench', seq: n++, ip: '203.0.113.7' });
      const ts = String(Math.floor(Date.now() / 1000));
      const sig = createHmac('sha256', target.secret).update(`${ts}.${body}`).digest('hex');
      const t0 = performance.now();
      const res = await pool.request({
        method: 'POST',
        path: target.path,
        headers: {
          'content-type': 'application/json',
          'x-autonomic-timestamp': ts,
          'x-autonomic-signature': `sha256=${sig}`,
        },
        body,
      });
      await res.body.dump();
      if (measuring) {
        latencies.push(performance.now() - t0);
        statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
      }
    }
  }
  const workers = Array.from({ length: connections }, worker);
  await new Promise((r) => setTimeout(r, 2_000)); // warm-up
  measuring = true;
  child.send('mark');
  const started = performance.now();
  await new Promise((r) => setTimeout(r, seconds * 1000));
  measuring = false;
  const elapsed = (performance.now() - started) / 1000;
  stop = true;
  await Promise.all(workers);
  latencies.sort((a, b) => a - b);
  const pct = (p: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]?.toFixed(1);
  console.log(
    JSON.stringify({
      connections,
      seconds: Number(elapsed.toFixed(1)),
      requestsPerSecond: Math.round(latencies.length / elapsed),
      latencyMs: { p50: pct(50), p90: pct(90), p99: pct(99), max: latencies.at(-1)?.toFixed(1) },
      statuses: Object.fromEntries(statuses),
    }),
  );
  child.send('done');
  const end = await new Promise<{ runsStored: number; serverCpuMs: number }>((resolve) =>
    child.once('message', resolve as never),
  );
  // CPU per request in the server process: the ceiling on one core is 1000 / this.
  console.log(JSON.stringify({ ...end, serverCpuMsPerRequest: (end.serverCpuMs / latencies.length).toFixed(3) }));
  await pool.close();
}

await (role === 'serve' ? serve() : load());
