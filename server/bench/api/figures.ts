/**
 * The API benchmark's headline figures for `npm run bench` (../summary/figures.ts): the
 * targets of issue 18 §2, §3 and §8, the floors they are measured against, and for a miss
 * what bounds it (CPU per request and event-loop use, measured) and the next step.
 */
import type { Figure } from '../summary/figures';
import { verdictOf } from '../summary/figures';
import type { Floor } from './floor';
import type { Measured, Row } from './scenarios';

const ms = (x: number) => `${x < 10 ? x.toFixed(2) : x.toFixed(1)} ms`;

/** CPU per request of the server and PostgreSQL, and how busy the server's event loop was. */
function bound({ cpu, load, elu }: Measured): string {
  const per = (x: number) => (load.responses > 0 ? (x / load.responses).toFixed(2) : 'n/a');
  return (
    `server ${per(cpu.serverUserMs + cpu.serverSysMs)} ms CPU per request, PostgreSQL ${per(cpu.postgresMs)} ms, ` +
    `server event loop ${(elu * 100).toFixed(0)} % busy, other processes ${((100 * cpu.otherMs) / cpu.machineMs || 0).toFixed(0)} % of the machine's busy time`
  );
}

interface Accepted {
  row: Row;
  measured: Measured;
  recorded: number;
}

export interface ApiRuns {
  floor: Floor;
  http: Floor;
  accepted: Accepted[];
  apiOnly: Accepted;
  wait1: { row: Row; measured: Measured };
  wait8: { row: Row; measured: Measured };
  chain: Row;
  sustained: { row: Row };
}

const INGEST_NEXT =
  'the fast path (http/hooks-fast-path.ts) already skips Express; what is left per request is HTTP parsing and ' +
  'writing, the HMAC, the id and the JSON of the row (see the profile); next: more API processes (EXECUTOR=false) ' +
  'behind a balancer, each with its own batcher';

function figureOf(row: Row, figure: string, extra: Partial<Figure>, note: () => string): Figure {
  const verdict = verdictOf(row.pass);
  return {
    figure,
    result: row.result,
    target: row.target,
    verdict,
    ...extra,
    ...(verdict === 'MISS' ? { note: note() } : {}),
  };
}

export function apiFigures(r: ApiRuns): Figure[] {
  const insertFloor = `one durable INSERT p50 ${ms(r.floor.p50)}, p99 ${ms(r.floor.p99)}`;
  const httpFloor = `GET /healthz p99 ${ms(r.http.p99)}`;
  const figures: Figure[] = [
    figureOf(
      r.apiOnly.row,
      'webhook → run recorded → 202, API-only (EXECUTOR=false), 32 connections',
      {
        floor: httpFloor,
      },
      () => `bound: ${bound(r.apiOnly.measured)}; ${INGEST_NEXT}`,
    ),
  ];
  for (const a of r.accepted) {
    figures.push(
      figureOf(
        a.row,
        `webhook → run recorded → 202, ${a.row.scenario.replace(/^202, /, '')}`,
        { floor: httpFloor },
        () =>
          `bound: ${bound(a.measured)} (the executor runs every run on the same event loop); ` +
          'next: executors in worker processes (npm run worker), so that the API process only records runs',
      ),
    );
  }
  figures.push(
    figureOf(
      r.wait1.row,
      'synchronous 3-step run (?wait), 1 connection',
      { floor: insertFloor },
      () =>
        `bound: ${bound(r.wait1.measured)}; the run costs one durable statement (test: runs/held.test.ts) and its ` +
        "expressions run in the server's thread (sandbox/bounded.ts), so PostgreSQL is now the larger share: that one " +
        'statement writes the run row and its indexes, three step rows, the results, the signature and the rollup ' +
        "queue row (a trigger), and its p99 carries the WAL fsync's tail (see the INSERT floor's max); next: measure " +
        'which runs/step_runs indexes the hot path needs, and keep the step rows of a pure run on its run row',
    ),
    figureOf(
      r.wait8.row,
      'synchronous 3-step run (?wait), 8 connections',
      { floor: insertFloor },
      () =>
        `bound: ${bound(r.wait8.measured)}; at 8 connections requests queue for the 2 cores (server and ` +
        'PostgreSQL CPU per request); next: the PostgreSQL cut of the 1-connection row',
    ),
    figureOf(
      r.chain,
      'overhead per persisted step, 400-step transform chain',
      {},
      () => 'bound: commits of the chain; next: profile the chain scenario',
    ),
    figureOf(
      r.sustained.row,
      r.sustained.row.scenario,
      { floor: insertFloor },
      () => 'see the detail lines: which answers failed, or which runs were not recorded or did not end',
    ),
    { figure: 'floor: one durable INSERT round trip (pg)', result: insertFloor, target: '', verdict: 'INFO' },
    {
      figure: 'floor: GET /healthz at 1 connection',
      result: `p50 ${ms(r.http.p50)}, p99 ${ms(r.http.p99)}`,
      target: '',
      verdict: 'INFO',
    },
  );
  return figures;
}
