/**
 * `replay`: replays the last N stored real events of a workflow's published version on
 * another version, through the API (POST …/versions/:number/replays), waits for it
 * (polling GET …/replays/:id), prints one line per event and the counts. Simulation only,
 * on the server: nothing is sent. Exit 0 when every event behaves the same, 1 when any
 * behaves differently, 2 when the replay could not be judged (an event the candidate could
 * not run, the server refused, could not be reached, or the wait ran out).
 */
import { ReplayView, type ReplayItemView } from '@autonomic/api';
import { z } from 'zod';
import { CliError, oneLine } from './errors';
import type { CliIo } from './run';

export interface ReplayFlags {
  count?: string;
  /** The server's address. @default $AUTONOMIC_URL, else http://localhost:3000 */
  url?: string;
  /** An API token (atk_…). @default $AUTONOMIC_TOKEN */
  token?: string;
  json?: boolean;
  /** How long to wait for the replay, in seconds. @default 600 */
  timeout?: string;
}

/** Waits between polls; tests pass a short one. */
export interface ReplayDeps {
  env?: Record<string, string | undefined>;
  pollMs?: number;
}

const DONE = new Set(['done', 'error']);

/** The API's error body, as much of it as is printed. */
const ErrorBody = z.object({
  error: z.object({
    message: z.string(),
    details: z.array(z.object({ path: z.string(), message: z.string() })).default([]),
  }),
});

/** A failure of the replay itself (not a behaviour difference): exit 2. */
const failed = (message: string) => new CliError(oneLine(message), 2);

function intFlag(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value)) throw new CliError(`--${name} must be a whole number, got "${value}"`, 2);
  return Number(value);
}

async function call(url: string, token: string, method: string, path: string, body?: unknown): Promise<ReplayView> {
  let res: Response;
  try {
    res = await fetch(`${url.replace(/\/+$/, '')}/api${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch (e) {
    throw failed(
      `cannot reach ${url}: ${e instanceof Error ? (e.cause instanceof Error ? e.cause.message : e.message) : String(e)}`,
    );
  }
  const json: unknown = await res.json().catch(() => undefined);
  if (!res.ok) {
    const err = ErrorBody.safeParse(json);
    const why = err.success ? err.data.error.message : res.statusText;
    const fields = err.success ? err.data.error.details.map((d) => `; ${d.path} ${d.message}`).join('') : '';
    throw failed(`the server answered ${res.status}: ${why}${fields}`);
  }
  const view = ReplayView.safeParse(json);
  if (!view.success) throw failed(`the server's answer is not a replay: ${view.error.issues[0]?.message ?? ''}`);
  return view.data;
}

const time = (iso: string) => iso.slice(0, 19).replace('T', ' ');
const effectWords = (e: { action: string; decision: string }) => `${e.action} (${e.decision})`;

/** One event as a line: time, outcome, path, status live → candidate, effects in words. */
export function eventLine(item: ReplayItemView): string {
  const path = item.pathChanged
    ? `path ${item.live.path.join(' → ') || '(none)'} ⇒ ${item.candidate?.path.join(' → ') || '(none)'}`
    : 'path same';
  const status = `${item.live.status} → ${item.candidate?.status ?? 'not run'}`;
  const effects = [
    ...item.effects.added.map((e) => `+ ${effectWords(e)}`),
    ...item.effects.removed.map((e) => `− ${effectWords(e)}`),
    ...item.effects.changed.map((c) => `~ ${effectWords(c.before)} ⇒ ${effectWords(c.after)}`),
  ];
  const tail =
    item.outcome === 'error' ? `  ${item.message ?? ''}` : effects.length > 0 ? `  ${effects.join('; ')}` : '';
  return `${time(item.eventAt)}  ${item.outcome.padEnd(9)}  ${status.padEnd(23)}  ${path}${tail}`;
}

export function summaryLine(r: ReplayView): string {
  const s = r.summary;
  return (
    `${s.events} event${s.events === 1 ? '' : 's'}: ${s.same} same, ${s.different} different ` +
    `(${s.pathChanged} path changed, ${s.statusChanged} status changed; effects +${s.effectsAdded} added, ` +
    `−${s.effectsRemoved} removed, ~${s.effectsChanged} changed), ${s.errors} error${s.errors === 1 ? '' : 's'}`
  );
}

export async function replayCommand(
  args: string[],
  flags: ReplayFlags,
  io: CliIo,
  deps: ReplayDeps = {},
): Promise<number> {
  const [workflow, version] = args;
  if (!workflow || !version || args.length !== 2) throw new CliError('expected <workflow> <version>', 2);
  if (!/^\d+$/.test(version)) throw new CliError(`<version> is a version number, got "${version}"`, 2);
  const env = deps.env ?? process.env;
  const url = flags.url ?? env.AUTONOMIC_URL ?? 'http://localhost:3000';
  const token = flags.token ?? env.AUTONOMIC_TOKEN;
  if (!token) throw new CliError('an API token is needed: --token <atk_…> or AUTONOMIC_TOKEN', 2);
  const count = intFlag(flags.count, 'count', 50);
  const until = Date.now() + intFlag(flags.timeout, 'timeout', 600) * 1000;
  const ref = encodeURIComponent(workflow);

  let replay = (await call(url, token, 'POST', `/workflows/${ref}/versions/${version}/replays`, {
    count,
  })) as ReplayView;
  while (!DONE.has(replay.status)) {
    if (Date.now() > until) throw failed(`the replay ${replay.id} is still ${replay.status}: gave up waiting`);
    await new Promise((r) => setTimeout(r, deps.pollMs ?? 500));
    replay = await call(url, token, 'GET', `/workflows/${ref}/replays/${replay.id}`);
  }
  if (flags.json) io.out(JSON.stringify(replay, null, 2));
  else {
    io.out(
      `replay of version ${replay.version} on the last ${replay.requested ?? count} events of version ${replay.baseVersion ?? '(none published)'}`,
    );
    if (replay.message) io.out(replay.message);
    for (const item of replay.items ?? []) io.out(eventLine(item));
    io.out(summaryLine(replay));
  }
  if (replay.status === 'error' || replay.summary.errors > 0) return 2;
  return replay.summary.different > 0 ? 1 : 0;
}
