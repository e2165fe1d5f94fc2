/**
 * How fast can step executions be persisted? Prisma `create` one by one, in one
 * interactive transaction, `createMany`, one multi-row INSERT through `$executeRaw`
 * (appendStepRuns), and bare pg as the floor. A throw-away embedded cluster with the
 * default durable settings (fsync on), like the server's own.
 *
 * Run: npx tsx server/bench/db-insert.bench.ts [rows]
 */
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { openDatabase } from '../src/db/database';
import { newId } from '../src/db/ids';
import { appendStepRuns, type NewStepRun } from '../src/store/step-runs';
import { startFigures, type Figure } from './summary/figures';

const ROWS = Number(process.argv[2] ?? 2000);
const recorder = startFigures('db');
const measured: Figure[] = [];
const dataDir = join(tmpdir(), `autonomic-bench-${process.pid}`, 'pg');
const db = await openDatabase({ url: '', embedded: { dataDir, stopOnSignals: true } });
const { prisma } = db;

const owner = await prisma.user.create({ data: { username: 'bench', displayName: 'Bench', passwordHash: '-' } });
const workflow = await prisma.workflow.create({ data: { slug: 'bench', name: 'Bench', ownerId: owner.id } });
const version = await prisma.workflowVersion.create({
  data: { workflowId: workflow.id, number: 1, document: {}, contentHash: 'h', authorId: owner.id },
});

async function newRunId(): Promise<string> {
  const run = await prisma.run.create({
    data: { workflowId: workflow.id, versionId: version.id, mode: 'simulation', triggerType: 'bench', input: {} },
  });
  return run.id;
}

function steps(runId: string, n: number): NewStepRun[] {
  return Array.from({ length: n }, (_, i) => ({
    runId,
    stepKey: `step-${i}#0`,
    stepId: `step-${i}`,
    attempt: 1,
    nodeType: 'http.request',
    status: 'succeeded',
    effectClass: 'read',
    input: { url: 'https://edr.example/api/hosts/42', method: 'GET' },
    output: { status: 200, body: { hostname: 'ws-042', isolated: false, tags: ['finance', 'eu'] } },
    port: 'success',
    startedAt: new Date(),
    finishedAt: new Date(),
  }));
}

const toCreate = ({ input, output, error: _error, ...rest }: NewStepRun) => ({
  ...rest,
  input: input ?? {},
  output: output ?? {},
});

async function measure(label: string, n: number, work: (rows: NewStepRun[]) => Promise<unknown>): Promise<void> {
  const rows = steps(await newRunId(), n);
  const started = performance.now();
  await work(rows);
  const ms = performance.now() - started;
  console.log(
    `${label.padEnd(44)} ${String(n).padStart(6)} rows ${ms.toFixed(0).padStart(7)} ms ` +
      `${((ms * 1000) / n).toFixed(0).padStart(6)} µs/row ${Math.round((n * 1000) / ms)
        .toString()
        .padStart(7)} rows/s`,
  );
  const perRow = (ms * 1000) / n;
  measured.push({
    figure: `persist step rows: ${label}`,
    result: `${perRow.toFixed(0)} µs/row, ${Math.round((n * 1000) / ms).toLocaleString('en')} rows/s`,
    target: '',
    verdict: 'INFO',
  });
}

const bare = new pg.Client({ connectionString: db.url });
await bare.connect();

console.log(`PostgreSQL ${(await bare.query('SHOW server_version')).rows[0]?.server_version}, fsync on`);
await measure('prisma create, one by one (autocommit)', ROWS / 4, async (rows) => {
  for (const row of rows) await prisma.stepRun.create({ data: toCreate(row) });
});
await measure('prisma create, one by one in $transaction', ROWS / 4, (rows) =>
  prisma.$transaction(async (tx) => {
    for (const row of rows) await tx.stepRun.create({ data: toCreate(row) });
  }),
);
await measure('prisma createMany, one row per call', ROWS / 4, async (rows) => {
  for (const row of rows) await prisma.stepRun.createMany({ data: [toCreate(row)] });
});
await measure('appendStepRuns ($executeRaw), one row per call', ROWS / 4, async (rows) => {
  for (const row of rows) await appendStepRuns(prisma, [row]);
});
await measure('prisma createMany, batches of 100', ROWS, async (rows) => {
  for (let i = 0; i < rows.length; i += 100)
    await prisma.stepRun.createMany({ data: rows.slice(i, i + 100).map(toCreate) });
});
await measure('appendStepRuns ($executeRaw), batches of 100', ROWS, async (rows) => {
  for (let i = 0; i < rows.length; i += 100) await appendStepRuns(prisma, rows.slice(i, i + 100));
});
await measure('prisma createMany, one call', ROWS, (rows) => prisma.stepRun.createMany({ data: rows.map(toCreate) }));
await measure('appendStepRuns ($executeRaw), one call', ROWS, (rows) => appendStepRuns(prisma, rows));
await measure('bare pg INSERT, one by one (floor)', ROWS / 4, async (rows) => {
  for (const row of rows) {
    await bare.query(
      `INSERT INTO step_runs (id, run_id, step_key, step_id, attempt, node_type, status, effect_class, input, output, port, started_at, finished_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      [
        newId(),
        row.runId,
        row.stepKey,
        row.stepId,
        row.attempt,
        row.nodeType,
        row.status,
        row.effectClass,
        JSON.stringify(row.input),
        JSON.stringify(row.output),
        row.port,
        row.startedAt,
        row.finishedAt,
      ],
    );
  }
});

await bare.end();
recorder.done(measured);
await db.close();
await fs.rm(join(dataDir, '..'), { recursive: true, force: true });
