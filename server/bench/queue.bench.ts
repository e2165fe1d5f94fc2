/**
 * Queue benchmark (`npm run bench:queue`, BENCH_QUICK=1 for a short run): our queue on the
 * runs table (the real executor: FOR UPDATE SKIP LOCKED claims, leases, liveness lock,
 * batched NOTIFY) side by side with graphile-worker 0.16.6 (a job added by the run's own
 * INSERT statement, a `resume_run` task driving the same engine and run store), on one
 * embedded PostgreSQL. This process records runs (API-only); workers are child processes.
 *   (1) ingest + execution: 3-step pure runs recorded by 32 callers, executed by 1 worker ×64
 *   (2) claim latency at 50 runs/s: the run's INSERT commit → the run starts in the worker
 *   (3) fairness: workflow A floods, B sends at 10/s; B's latency (as in 2)
 *   (4) 1, 2 and 4 workers ×8 draining a backlog of runs whose step waits on a 50 ms mock
 *   (5) takeover: one of 2 workers killed (SIGKILL) with runs in flight
 * See docs/bench/queue.md for the method and the decision.
 */
import { runMigrations } from 'graphile-worker';
import { openBenchDatabase } from './api/database';
import { postmasterPid } from './api/proc-cpu';
import { startFigures, type Figure } from './summary/figures';
import { decide, figures, lines, printTable, type QueueOutcome } from './queue/compare';
import { benchContext } from './queue/context';
import { createIngest, type QueueKind } from './queue/ingest';
import { load1 } from './queue/load';
import { startMock } from './queue/mock';
import { fairness, oneWorker, scaleOut, takeover, type QueueBench, type Sizes } from './queue/scenarios';
import { publishWorkflows } from './queue/workflows';

const quick = process.env.BENCH_QUICK === '1';
const sizes: Sizes = quick
  ? {
      throughputRuns: 1_500,
      latencySeconds: 5,
      floodRuns: 2_000,
      fairRuns: 20,
      backlogRuns: 300,
      takeoverRuns: 160,
      takeoverBoundMs: 8_000,
    }
  : {
      throughputRuns: 4_000,
      latencySeconds: 10,
      floodRuns: 5_000,
      fairRuns: 50,
      backlogRuns: 800,
      takeoverRuns: 320,
      takeoverBoundMs: 20_000,
    };

/** Both by default; BENCH_QUEUES=graphile (or ours) measures one alone, without the comparison. */
const kinds = (process.env.BENCH_QUEUES ?? 'ours,graphile')
  .split(',')
  .filter((k): k is QueueKind => k === 'ours' || k === 'graphile');
const rec = startFigures('queue');
const bench = await openBenchDatabase();
// Ctrl-C: stop the embedded cluster and delete its directory before leaving.
process.once('SIGINT', () => void bench.close().finally(() => process.exit(130)));
const mock = await startMock(50);
try {
  const { prisma, url } = bench.db;
  await runMigrations({ connectionString: url });
  const wf = await publishWorkflows(prisma, mock.url);
  const v = await prisma.$queryRawUnsafe<{ v: string }[]>('SELECT version() AS v');
  console.log(
    `queue benchmark${quick ? ' (quick)' : ''}: PostgreSQL ${v[0]?.v.split(' ')[1]}, load average ${load1()}`,
  );

  const outcome: Partial<Record<QueueKind, QueueOutcome>> = {};
  for (const kind of kinds) {
    const ingest = await createIngest(kind, benchContext(prisma), url);
    const b: QueueBench = { kind, url, prisma, ingest, wf, mock, sizes, pgPid: postmasterPid(bench.dataDir) };
    try {
      const one = await oneWorker(b);
      console.log(`${kind}: (1) ${JSON.stringify(one.throughput)}`);
      console.log(`${kind}: (2) claim latency ${JSON.stringify(one.latency)}`);
      const fair = await fairness(b);
      console.log(`${kind}: (3) fairness ${JSON.stringify(fair)}`);
      const scale = await scaleOut(b);
      console.log(`${kind}: (4) scale-out ${JSON.stringify(scale)}`);
      const take = await takeover(b);
      console.log(`${kind}: (5) takeover ${JSON.stringify(take)}`);
      outcome[kind] = { one, fair, scale, take };
    } finally {
      await ingest.close();
    }
  }
  const ours = outcome.ours;
  const gw = outcome.graphile;
  // One queue alone (BENCH_QUEUES) is printed above, without a comparison or figures.
  if (ours && gw) {
    const ls = lines(ours, gw);
    printTable(ls);
    const d = decide(ls, ours);
    const decision: Figure = {
      figure: 'queue decision: keep our runs-table queue unless graphile-worker wins',
      result: `ours better on ${d.ourWins} figures, graphile-worker on ${d.theirWins} (margin 15 %); load ${load1()}`,
      target: 'ours wins clearly, 0 runs lost',
      verdict: d.keep ? 'PASS' : 'MISS',
      note: d.keep
        ? `Ours: 1 statement to record a run (no NOTIFY per commit), ${ours.one.throughput.commitsPerRun.toFixed(1)} ` +
          `commits per run (graphile-worker ${gw.one.throughput.commitsPerRun.toFixed(1)}), takeover after kill -9 ` +
          `${ours.take.allMs === undefined ? 'not within the bound' : `in ${(ours.take.allMs / 1000).toFixed(1)} s`}. ` +
          'Its weak spot is a big backlog: each claim sorts every runnable run (no index serves its ORDER BY) and a ' +
          'saturated worker claims again at each freed slot; next step: an index-ordered claim and batched claims (docs/bench/queue.md).'
        : 'Adopting graphile-worker: enqueue a job in the run INSERT and in every commit that sets wake_at (run_at), ' +
          'a resume_run task instead of the claim loop, our liveness lock + force_unlock_workers for kill -9 ' +
          '(its own lock expiry is 4 h), keep the WorkQueue port; see docs/bench/queue.md.',
    };
    console.log(`\ndecision: ${decision.verdict} — ${decision.result}`);
    rec.done([...figures(ours, gw), decision]);
  }
} finally {
  await mock.close();
  await bench.close();
}
