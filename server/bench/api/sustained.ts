/**
 * The sustained load test (issue 18 §8): signed webhooks at a fixed rate (open loop) for a
 * while, against the server with its executor running every run. Passes when no request
 * failed, every 2xx answer has its run recorded (and no run exists without one), and once
 * the backlog drained every run has ended.
 */
import { cpus } from 'node:os';
import type pg from 'pg';
import { openLoop } from './open-loop';
import { cpuLine, cpuWindow } from './proc-cpu';
import { drain, runCounts, settled, type Bench, type Row } from './scenarios';
import type { SeededHook } from './seed';

const ms = (x: number) => `${x < 10 ? x.toFixed(2) : x.toFixed(1)} ms`;

async function ended(sql: pg.Client, workflowId: string): Promise<{ ended: number; byStatus: string }> {
  const { rows } = await sql.query<{ status: string; n: string }>(
    `SELECT status::text, count(*) AS n FROM runs WHERE workflow_id = $1::uuid GROUP BY status ORDER BY status`,
    [workflowId],
  );
  const done = new Set(['succeeded', 'failed', 'cancelled', 'timed_out']);
  return {
    ended: rows.filter((r) => done.has(r.status)).reduce((n, r) => n + Number(r.n), 0),
    byStatus: rows.map((r) => `${r.status} ${r.n}`).join(', '),
  };
}

export async function sustainedScenario(b: Bench, hook: SeededHook, rate: number, seconds: number) {
  const before = await settled(b.sql, hook.workflowId);
  await b.child.call({ cmd: 'elu-mark' });
  const cpu = cpuWindow(b.child.pid, b.pgPid);
  const r = await openLoop({
    url: b.child.url,
    path: hook.path,
    secret: hook.secret,
    rate,
    seconds,
    event: (seq) => ({ alert: 'sustained', src_ip: '10.0.0.7', seq }),
  });
  const split = cpu();
  const elu = (await b.child.call({ cmd: 'elu' })) ?? NaN;
  const drainedMs = await drain(b.sql, hook.workflowId);
  const recorded = (await runCounts(b.sql, hook.workflowId)).total - before;
  const { ended: endedRuns, byStatus } = await ended(b.sql, hook.workflowId);
  const allEnded = endedRuns === (await runCounts(b.sql, hook.workflowId)).total;
  const statuses = Object.entries(r.statuses)
    .map(([k, v]) => `${k}×${v}`)
    .join(' ');
  const label = `sustained ${rate}/s for ${seconds} s (open loop), executor running the runs`;
  console.log(
    `  ${label}: sent ${r.sent} at ${r.sentRate.toFixed(0)}/s, answers ${statuses}, errors ${r.errors}; ` +
      `latency from the scheduled send p50 ${ms(r.latencyMs.p50)}, p99 ${ms(r.latencyMs.p99)}, max ${ms(r.latencyMs.max)}; ` +
      `at most ${r.maxInFlight} in flight`,
  );
  console.log(`${cpuLine(split, r.sent)}; server event loop busy ${(elu * 100).toFixed(0)} %`);
  console.log(
    `      runs recorded ${recorded} for ${r.ok} 2xx answers (${recorded === r.ok ? 'equal' : 'DIFFERENT'}); ` +
      `backlog drained ${drainedMs} ms after the last answer; runs of this workflow: ${byStatus}`,
  );
  const pass = r.errors === 0 && recorded === r.ok && r.ok === r.sent && allEnded;
  const row: Row = {
    scenario: label,
    result:
      `${r.ok}/${r.sent} 2xx, ${r.errors} errors, recorded=2xx ${recorded === r.ok}, all ended ${allEnded}, ` +
      `p99 ${ms(r.latencyMs.p99)}`,
    target: '0 errors, every run recorded and ended',
    pass,
    others: `${((100 * split.otherMs) / (split.wallMs * cpus().length)).toFixed(0)} %`,
  };
  return { row, result: r, recorded, allEnded, drainedMs };
}
