/**
 * Who spent the machine's CPU during a measurement (Linux /proc): the server child (user
 * and system time), the PostgreSQL cluster (postmaster and its backends, sampled every
 * 200 ms so that backends which exit are not lost), this load generator, and everything
 * else on the machine (other engineers' test runs), plus the hypervisor's steal time.
 * With DATABASE_URL the cluster is not ours to find: its CPU counts as other processes'.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';

const TICK_MS = 1000 / (Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100);

/** [ppid, user ms, system ms] of a process, or undefined once it has ended. */
function stat(pid: number | string): [number, number, number] | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The fields after the command name, which is in parentheses and may contain spaces.
    const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return [Number(f[1]), Number(f[11]) * TICK_MS, Number(f[12]) * TICK_MS];
  } catch {
    return undefined;
  }
}

/** [on-CPU ms, ms runnable but waiting for a core] of a process's main thread (/proc/<pid>/schedstat). */
function schedstat(pid: number): [number, number] {
  try {
    const [run, wait] = readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ').map(Number);
    return [(run ?? 0) / 1e6, (wait ?? 0) / 1e6];
  } catch {
    return [NaN, NaN];
  }
}

/** The postmaster's pid from its data directory, when we run the cluster. */
export function postmasterPid(dataDir: string | undefined): number | undefined {
  if (!dataDir) return undefined;
  try {
    return Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  } catch {
    return undefined;
  }
}

/** Busy and steal ms of the whole machine (all cores) from the first line of /proc/stat. */
function machine(): { busy: number; steal: number } {
  const [, user, nice, system, , , irq, softirq, steal] =
    readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]?.trim().split(/\s+/).map(Number) ?? [];
  return {
    busy: ((user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0)) * TICK_MS,
    steal: (steal ?? 0) * TICK_MS,
  };
}

export interface CpuSplit {
  wallMs: number;
  serverUserMs: number;
  serverSysMs: number;
  /** How long the server's event-loop thread was runnable but had no core (run-queue delay). */
  serverWaitMs: number;
  postgresMs: number;
  loadMs: number;
  /** Busy time of the whole machine, all cores together. */
  machineMs: number;
  otherMs: number;
  stealMs: number;
}

/** Starts a CPU window; the returned function ends it and gives the CPU spent, per party. */
export function cpuWindow(serverPid: number, pgPid: number | undefined): () => CpuSplit {
  const t0 = performance.now();
  const server0 = stat(serverPid);
  const sched0 = schedstat(serverPid);
  const load0 = process.cpuUsage();
  const machine0 = machine();
  const pgLast = new Map<string, number>();
  let postgresMs = 0;
  // A backend first seen after the start began in the window: all its CPU counts.
  const samplePostgres = (baseline = false) => {
    if (!pgPid) return;
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      const s = stat(pid);
      if (!s || (Number(pid) !== pgPid && s[0] !== pgPid)) continue;
      const now = s[1] + s[2];
      if (!baseline) postgresMs += now - (pgLast.get(pid) ?? 0);
      pgLast.set(pid, now);
    }
  };
  samplePostgres(true);
  const timer = setInterval(() => samplePostgres(), 200);
  return () => {
    clearInterval(timer);
    samplePostgres();
    const server1 = stat(serverPid);
    const sched1 = schedstat(serverPid);
    const load = process.cpuUsage(load0);
    const machine1 = machine();
    const split = {
      wallMs: performance.now() - t0,
      serverUserMs: (server1?.[1] ?? 0) - (server0?.[1] ?? 0),
      serverSysMs: (server1?.[2] ?? 0) - (server0?.[2] ?? 0),
      serverWaitMs: sched1[1] - sched0[1],
      postgresMs: pgPid ? postgresMs : NaN,
      loadMs: (load.user + load.system) / 1000,
      machineMs: machine1.busy - machine0.busy,
      stealMs: machine1.steal - machine0.steal,
    };
    const ours = split.serverUserMs + split.serverSysMs + (pgPid ? postgresMs : 0) + split.loadMs;
    return { ...split, otherMs: split.machineMs - ours };
  };
}

/** One printed line: CPU per request per party, and the machine's cores split by who used them. */
export function cpuLine(c: CpuSplit, requests: number): string {
  const per = (ms: number) => (ms / Math.max(1, requests)).toFixed(2);
  const capacity = c.wallMs * cpus().length;
  const pct = (ms: number) => `${((100 * ms) / capacity).toFixed(0)} %`;
  return (
    `      CPU per request: server ${per(c.serverUserMs + c.serverSysMs)} ms (user ${per(c.serverUserMs)} + ` +
    `sys ${per(c.serverSysMs)}), PostgreSQL ${per(c.postgresMs)} ms, load generator ${per(c.loadMs)} ms; ` +
    `the server's event-loop thread waited ${per(c.serverWaitMs)} ms for a core\n` +
    `      machine (${cpus().length} cores) busy ${pct(c.machineMs)}: server ${pct(c.serverUserMs + c.serverSysMs)}, ` +
    `PostgreSQL ${pct(c.postgresMs)}, load generator ${pct(c.loadMs)}, other processes ${pct(c.otherMs)}; ` +
    `steal ${pct(c.stealMs)}`
  );
}
