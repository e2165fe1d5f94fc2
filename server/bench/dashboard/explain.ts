/**
 * Profiles the dashboard aggregates on a kept benchmark cluster (seed it first:
 * `BENCH_DATA_DIR=/tmp/dash1m npm run bench:dashboard`), then
 * `BENCH_DATA_DIR=/tmp/dash1m npx tsx server/bench/dashboard/explain.ts [name filter]`.
 * For each aggregate: the service's wall time, the time inside its statements, and each
 * statement's EXPLAIN (ANALYZE, BUFFERS) written to /tmp/dashboard-explain/<n>.txt.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pino } from 'pino';
import { loadConfig } from '../../src/config';
import type { AppContext } from '../../src/context';
import { openDatabase } from '../../src/db/database';
import { systemClock } from '../../src/engine';
import { Prisma, type PrismaClient } from '../../src/generated/prisma/client';
import { dashboardCases } from './cases';
import { seededBefore } from './reuse';

const kept = process.env.BENCH_DATA_DIR;
if (!kept) throw new Error('BENCH_DATA_DIR: the kept cluster of the dashboard benchmark');
const filter = process.argv[2] ?? '';
const outDir = '/tmp/dashboard-explain';
mkdirSync(outDir, { recursive: true });

const db = await openDatabase({ url: '', embedded: { dataDir: join(kept, 'pg'), stopOnSignals: true } });
const before = await seededBefore(db.prisma);
if (!before) throw new Error('the cluster was never seeded');
const shift = before.at.getTime() - Date.now();

let explain = false;
let sqlMs = 0;
const plans: string[] = [];
const raw = db.prisma.$queryRaw.bind(db.prisma);
const prisma = new Proxy(db.prisma, {
  get(target, key, receiver) {
    if (key !== '$queryRaw') return Reflect.get(target, key, receiver);
    return async (first: unknown, ...rest: unknown[]) => {
      if (!(first instanceof Prisma.Sql)) return Reflect.apply(raw, target, [first, ...rest]);
      if (explain) {
        const rows = await target.$queryRawUnsafe<{ 'QUERY PLAN': string }[]>(
          `EXPLAIN (ANALYZE, BUFFERS) ${first.text}`,
          ...first.values,
        );
        plans.push(`${first.text}\n\n${rows.map((r) => r['QUERY PLAN']).join('\n')}`);
      }
      const t0 = performance.now();
      const out: unknown = await raw(first);
      sqlMs += performance.now() - t0;
      return out;
    };
  },
}) satisfies PrismaClient;

const ctx: AppContext = {
  config: loadConfig({ SEED_DEMO: 'false', SEED_HISTORY: 'false', EXECUTOR: 'false' }),
  prisma,
  log: pino({ level: 'silent' }),
  clock: { ...systemClock, now: () => Date.now() + shift },
};
const users = await db.prisma.user.findMany();
const { cases } = await dashboardCases(ctx, (name) => users.find((u) => u.username === name)?.id ?? '');
console.log(`${before.total.toLocaleString('en')} runs; load ${(loadavg()[0] ?? 0).toFixed(2)}`);
for (const [i, [name, work]] of cases.entries()) {
  if (!name.includes(filter)) continue;
  await work();
  const times: number[] = [];
  const sql: number[] = [];
  for (let k = 0; k < 5; k++) {
    sqlMs = 0;
    const t0 = performance.now();
    await work();
    times.push(performance.now() - t0);
    sql.push(sqlMs);
  }
  explain = true;
  plans.length = 0;
  await work();
  explain = false;
  const file = join(outDir, `${i + 1}.txt`);
  writeFileSync(file, `${name}\n\n${plans.join('\n\n----------\n\n')}\n`);
  const med = (a: number[]) => [...a].sort((x, y) => x - y)[2]?.toFixed(1);
  const exec = plans.map((p) => /Execution Time: ([\d.]+)/.exec(p)?.[1] ?? '?').join(' + ');
  console.log(
    `${name}: median ${med(times)} ms, statements (wall, summed) ${med(sql)} ms; EXPLAIN exec ${exec} ms → ${file}`,
  );
}
await db.close();
