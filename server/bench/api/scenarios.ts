/**
 * The measured scenarios of `npm run bench:api`, each through real HTTP against the
 * server child: a warm-up, the measured run (with the CPU each process spent and the
 * server's event-loop use), the checks, and on a missed target a CPU profile of the
 * server during a repeat of the same load.
 */
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import type { ServerChild } from './child';
import { runLoad, type LoadResult, type LoadSpec } from './load';
import { cpuLine, cpuWindow, type CpuSplit } from './proc-cpu';
import { summariseProfile, type CpuProfile } from './profile';
import type { SeededHook } from './seed';

export interface Bench {
  child: ServerChild;
  sql: pg.Client;
  pgPid: number | undefined;
  seconds: number;
  warmup: number;
  profileDir: string;
  /** 'miss' (default): profile a scenario whose target was missed; 'always'; 'never'. */
  profile: string;
  /** Profile summaries, printed at the end. */
  profiles: string[];
}

export interface Row {
  scenario: string;
  result: string;
  target: string;
  pass: boolean;
  /** Share of the machine's CPU that other processes used meanwhile. */
  others: string;
}

export interface Measured {
  load: LoadResult;
  cpu: CpuSplit;
  /** Share of the server's event loop that was busy. */
  elu: number;
}

/** Other processes' share of the machine during the measurement. */
const othersShare = ({ cpu }: Measured) => `${((100 * cpu.otherMs) / (cpu.wallMs * cpus().length)).toFixed(0)} %`;

const ms = (x: number) => `${x < 10 ? x.toFixed(2) : x.toFixed(1)} ms`;

export async function measure(b: Bench, spec: LoadSpec): Promise<Measured> {
  await b.child.call({ cmd: 'elu-mark' });
  const cpu = cpuWindow(b.child.pid, b.pgPid);
  const load = await runLoad(spec);
  const split = cpu();
  return { load, cpu: split, elu: (await b.child.call({ cmd: 'elu' })) ?? NaN };
}

/** CPU per request, who used the machine, and the server's event-loop use. */
export function costLine({ load, cpu, elu }: Measured): string {
  return `${cpuLine(cpu, load.responses)}; server event loop busy ${(elu * 100).toFixed(0)} %`;
}

export function loadLine(label: string, r: LoadResult): string {
  const statuses = Object.entries(r.statuses)
    .map(([k, v]) => `${k}×${v}`)
    .join(' ');
  return (
    `  ${label}: ${Math.round(r.rps)} req/s, p50 ${ms(r.latencyMs.p50)}, p97.5 ${ms(r.latencyMs.p97_5)}, ` +
    `p99 ${ms(r.latencyMs.p99)}, max ${ms(r.latencyMs.max)}; ${r.responses} responses (${statuses}), ` +
    `errors ${r.errors}`
  );
}

/** Repeats `load` with the server's CPU profiler on, when the profile mode asks for it. */
export async function profileIfNeeded(b: Bench, name: string, pass: boolean, load: () => Promise<unknown>) {
  if (b.profile === 'never' || (pass && b.profile !== 'always')) return;
  const file = join(b.profileDir, `${name}.cpuprofile`);
  await b.child.call({ cmd: 'profile-start' });
  await load();
  await b.child.call({ cmd: 'profile-stop', file });
  const profile: CpuProfile = JSON.parse(readFileSync(file, 'utf8'));
  b.profiles.push(`── server CPU profile, ${name} (${file}) ──\n${summariseProfile(profile)}`);
}

export async function runCounts(sql: pg.Client, workflowId: string) {
  const { rows } = await sql.query<{ total: string; open: string; succeeded: string }>(
    `SELECT count(*) AS total,
            count(*) FILTER (WHERE status IN ('queued', 'running', 'waiting')) AS open,
            count(*) FILTER (WHERE status = 'succeeded') AS succeeded
     FROM runs WHERE workflow_id = $1::uuid`,
    [workflowId],
  );
  const r = rows[0];
  return { total: Number(r?.total), open: Number(r?.open), succeeded: Number(r?.succeeded) };
}

/** Runs of the workflow, and how many have the 3-step playbook's last step stored with its output. */
export async function verdicts(sql: pg.Client, workflowId: string) {
  const { rows } = await sql.query<{ n: string }>(
    `SELECT count(*) AS n FROM step_runs s JOIN runs r ON r.id = s.run_id
     WHERE r.workflow_id = $1::uuid AND s.step_id = 'verdict' AND s.output = '"contain 10.0.0.7"'::jsonb`,
    [workflowId],
  );
  return { ...(await runCounts(sql, workflowId)), verdicts: Number(rows[0]?.n) };
}

/** Waits until no run of the workflow is queued, running or waiting; returns the ms it took. */
export async function drain(sql: pg.Client, workflowId: string, timeoutMs = 300_000): Promise<number> {
  const t0 = Date.now();
  while ((await runCounts(sql, workflowId)).open > 0) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`runs of ${workflowId} still open after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return Date.now() - t0;
}

const alert = (seq: number) => ({ alert: 'bench', src_ip: '10.0.0.7', seq });

/** Waits until the workflow's run count stops moving (requests a load run abandoned at its end are answered). */
export async function settled(sql: pg.Client, workflowId: string): Promise<number> {
  let last = -1;
  for (;;) {
    const { total } = await runCounts(sql, workflowId);
    if (total === last) return total;
    last = total;
    await new Promise((r) => setTimeout(r, 500));
  }
}

/**
 * Signed webhook → run durably recorded → 202. The measured run sends an exact number of
 * requests (the warm-up's rate × seconds), so that runs recorded can be compared with the
 * 2xx answers one for one.
 */
export async function acceptedScenario(b: Bench, hook: SeededHook, connections: number, label: string, minRps = 2000) {
  const spec = { url: b.child.url, path: hook.path, secret: hook.secret, connections, event: alert };
  const warm = await runLoad({ ...spec, seconds: b.warmup });
  const before = { total: await settled(b.sql, hook.workflowId) };
  const amount = Math.max(connections * 20, Math.round(warm.rps * b.seconds));
  const m = await measure(b, { ...spec, amount });
  const recorded = (await settled(b.sql, hook.workflowId)) - before.total;
  const { load } = m;
  console.log(loadLine(label, load));
  console.log(costLine(m));
  console.log(
    `      runs recorded ${recorded} for ${load.ok} 2xx answers (${recorded === load.ok ? 'equal' : 'DIFFERENT'})`,
  );
  const pass = load.rps >= minRps && load.latencyMs.p99 < 100 && load.errors === 0 && recorded === load.ok;
  const row: Row = {
    scenario: label,
    result: `${Math.round(load.rps)} req/s, p99 ${ms(load.latencyMs.p99)}, ${load.errors} errors, recorded=2xx ${recorded === load.ok}`,
    target: `≥ ${minRps.toLocaleString('en')} req/s, p99 < 100 ms, 0 errors, recorded = 2xx`,
    pass,
    others: othersShare(m),
  };
  await profileIfNeeded(b, label.replace(/\W+/g, '-'), pass, () => runLoad({ ...spec, seconds: b.seconds }));
  return { row, measured: m, recorded };
}

/** The answer of a finished run: 200 `{ runId, status: 'succeeded', … }`. */
function succeeded(status: number, body: string): boolean {
  const v: unknown = JSON.parse(body);
  return status === 200 && typeof v === 'object' && v !== null && 'status' in v && v.status === 'succeeded';
}

/** Signed webhook with ?wait=5000 for the 3-step run to finish: every answer must be 200 succeeded. */
export async function waitScenario(
  b: Bench,
  hook: SeededHook,
  connections: number,
  targetMs: number,
  targetWords = `p99 ≤ ${targetMs} ms`,
) {
  const spec: LoadSpec = {
    url: b.child.url,
    path: `${hook.path}?wait=5000`,
    secret: hook.secret,
    connections,
    event: alert,
    check: succeeded,
  };
  await runLoad({ ...spec, seconds: b.warmup });
  const m = await measure(b, { ...spec, seconds: b.seconds });
  const { load } = m;
  const label = `wait for 3-step run, ${connections} conn`;
  console.log(loadLine(label, load));
  console.log(costLine(m));
  console.log(`      answers other than 200 succeeded: ${load.failedChecks + load.errors}`);
  const pass = load.latencyMs.p99 <= targetMs && load.errors === 0 && load.failedChecks === 0;
  const row: Row = {
    scenario: label,
    result: `p50 ${ms(load.latencyMs.p50)}, p99 ${ms(load.latencyMs.p99)}, ${Math.round(load.rps)} req/s, ${load.errors + load.failedChecks} errors`,
    target: `${targetWords}, 0 errors`,
    pass,
    others: othersShare(m),
  };
  await profileIfNeeded(b, `wait-${connections}`, pass, () => runLoad({ ...spec, seconds: b.seconds }));
  return { row, measured: m };
}

/**
 * A 400-step transform chain through the webhook with ?wait: median wall time, minus the
 * same chain on the in-memory store in the server process, per step. The HTTP request,
 * HMAC and nonce are in the persisted figure, so the overhead is slightly overstated.
 */
export async function chainScenario(b: Bench, hook: SeededHook, steps: number, runs: number): Promise<Row> {
  const spec: LoadSpec = {
    url: b.child.url,
    path: `${hook.path}?wait=30000`,
    secret: hook.secret,
    connections: 1,
    event: (seq) => ({ n: 0, seq }), // unique: an identical body signed in the same second is a replay
    check: succeeded,
  };
  await runLoad({ ...spec, amount: Math.max(2, Math.ceil(runs / 3)) });
  const m = await measure(b, { ...spec, amount: runs });
  const persisted = m.load;
  const memory = (await b.child.call({ cmd: 'memory-chain', steps, runs })) ?? NaN;
  const perStepUs = ((persisted.latencyMs.p50 - memory) * 1000) / steps;
  const bad = persisted.errors + persisted.failedChecks;
  console.log(
    `  ${steps}-step chain: persisted median ${ms(persisted.latencyMs.p50)} (max ${ms(persisted.latencyMs.max)}, ` +
      `${runs} runs, ${bad} not succeeded), in-memory engine median ${ms(memory)} ` +
      `(${((memory * 1000) / steps).toFixed(1)} µs/step) → overhead ${perStepUs.toFixed(0)} µs per persisted step`,
  );
  console.log(costLine(m));
  const pass = perStepUs <= 1000 && bad === 0;
  await profileIfNeeded(b, 'chain', pass, () => runLoad({ ...spec, amount: runs }));
  return {
    scenario: `overhead per persisted step, ${steps}-step chain`,
    result: `${perStepUs.toFixed(0)} µs/step (persisted ${((persisted.latencyMs.p50 * 1000) / steps).toFixed(0)} µs/step, memory ${((memory * 1000) / steps).toFixed(1)})`,
    target: '≤ 1 ms (1,000 µs)',
    pass,
    others: othersShare(m),
  };
}
