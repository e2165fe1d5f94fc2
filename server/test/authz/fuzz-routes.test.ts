/**
 * A property over every registered route: whatever the params, query and body (generated
 * from the route's own schemas, mostly fitting, now and then hostile — see
 * fuzz-arbitraries.ts), called by a role its access rule admits, the server never answers
 * 5xx, every 4xx is the one error shape with a known code, and a 4xx writes no row.
 *
 * The targets are real rows (fuzz-targets.ts), so requests reach the services, not only the
 * checks in front of them.
 *
 * Seeded: FUZZ_SEED=<n> replays another sequence, FUZZ_RUNS=<n> changes the runs per route;
 * a failure names the route, the seed and the request.
 */
import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  isErrorCode,
  ROLES,
  ROUTES,
  WEBHOOK_SIGNATURE_HEADER,
  WEBHOOK_TIMESTAMP_HEADER,
  type Role,
} from '@autonomic/api';
import type { RegisteredRoute } from '../../src/http/route';
import { createTestDatabase, type TestDatabase } from '../db/test-database';
import type { Caller } from './access-table';
import { arbitraryFor, arbitrarySegments, encode, hostile } from './fuzz-arbitraries';
import { seedTargets, type Targets } from './fuzz-targets';
import { authzServer, routeKey, rowCounts, type AuthzServer } from './harness';

const SEED = Number(process.env.FUZZ_SEED ?? 1002);
const RUNS = Number(process.env.FUZZ_RUNS ?? 20);
/** FUZZ_STATS=1 prints what each route answered (status, code, first field; =2 also the message): how deep the input got. */
const STATS = process.env.FUZZ_STATS;

let db: TestDatabase;
let t: AuthzServer;
/** What the fuzz aims at; the seeded workflow's webhook secret signs some deliveries, so that their events reach the trigger. */
let targets: Targets;
beforeAll(async () => {
  db = await createTestDatabase();
  t = await authzServer(db);
  targets = await seedTargets(db, t);
  await signInAll();
}, 60_000);
afterAll(async () => {
  await t.close();
  await db.drop();
});

/** A caller with its API token, or signed in with a session cookie (and its CSRF token). */
type Fuzzer = Caller | `${Role} session`;

/** Who may call the route: admin and the route's own roles, by token or session (public routes: also nobody). */
function callersOf(route: RegisteredRoute): Fuzzer[] {
  const roles: Role[] =
    route.access === 'public'
      ? ['admin']
      : route.access === 'authenticated'
        ? [...ROLES]
        : [...new Set<Role>(['admin', ...route.access])];
  return [
    ...(route.access === 'public' ? ['anonymous' as const] : []),
    ...roles,
    ...roles.map((r) => `${r} session` as const),
  ];
}

/** A session per role, signed in before the routes' tests (signing in writes a session row). */
let sessions = new Map<Role, { cookie: string; csrf: string }>();
async function signInAll(): Promise<void> {
  sessions = new Map(await Promise.all(ROLES.map(async (r) => [r, await t.login(r)] as const)));
}

function headersOf(caller: Fuzzer): Record<string, string> {
  const role = ROLES.find((r) => caller === `${r} session`);
  if (!role) return t.headers(caller as Caller);
  const session = sessions.get(role);
  return session ? { cookie: session.cookie, 'x-csrf-token': session.csrf } : {};
}

/** A query object as a query string: arrays repeat their key, objects travel as JSON, a bare string is the query itself. */
function queryString(query: unknown): string {
  if (typeof query === 'string') return query;
  if (typeof query !== 'object' || query === null || Array.isArray(query)) return '';
  const text = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v));
  return Object.entries(query)
    .flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).map((x) => `${encode(k)}=${encode(text(x))}`))
    .join('&');
}

/** Request bodies that are not JSON at all, or not an object. */
const RAW_BODIES = ['{', '{"a":1}x', 'null', '"text"', '[1,2]', '0', '{"a":"\\u0000"}', '{"a":"\\udc00"}', ''];

interface Call {
  caller: Fuzzer;
  path: Record<string, string>;
  query: string;
  /** JSON text, or undefined for no body. */
  body: string | undefined;
  /** Sign the body as a webhook sender would (the webhook route only). */
  sign: boolean;
}

function arbitraryCall(route: RegisteredRoute): fc.Arbitrary<Call> {
  const names = [...route.path.matchAll(/:(\w+)/g)].map((m) => m[1] ?? '');
  const takesBody = route.method !== 'get' && route.method !== 'delete';
  const pools = targets.poolsFor(route);
  const json = arbitraryFor(route.body, pools).map((v) => (v === undefined ? undefined : JSON.stringify(v)));
  const body = takesBody
    ? fc.oneof({ arbitrary: json, weight: 8 }, { arbitrary: fc.constantFrom(...RAW_BODIES), weight: 1 })
    : fc.constant(undefined);
  return fc.record({
    caller: fc.constantFrom(...callersOf(route)),
    sign: routeKey(route) === 'POST /hooks/:workflowId' ? fc.boolean() : fc.constant(false),
    path: arbitrarySegments(route.params, names, pools),
    query: fc.oneof(
      { arbitrary: arbitraryFor(route.query, pools).map(queryString), weight: 8 },
      { arbitrary: hostile.map(queryString), weight: 1 },
    ),
    body,
  });
}

/** The headers a webhook sender adds: the timestamp and the HMAC of `<timestamp>.<body>`. */
function signed(ts: string, body: string): Record<string, string> {
  const mac = createHmac('sha256', targets.webhook.secret).update(`${ts}.${body}`).digest('hex');
  return { [WEBHOOK_TIMESTAMP_HEADER]: ts, [WEBHOOK_SIGNATURE_HEADER]: `sha256=${mac}` };
}

interface Answer {
  status: number;
  contentType: string;
  text: string;
}

/** One request; an event stream is read up to its headers, then dropped. */
async function send(route: RegisteredRoute, call: Call): Promise<{ url: string; answer: Answer }> {
  const path = route.path.replace(/:(\w+)/g, (_, name: string) => call.path[name] ?? '');
  const url = `/api${path}${call.query ? `?${call.query}` : ''}`;
  const abort = new AbortController();
  const headers = headersOf(call.caller);
  if (call.body !== undefined) headers['content-type'] = 'application/json';
  if (call.sign) {
    Object.assign(headers, signed(String(Math.floor(Date.now() / 1000)), call.body ?? ''));
  }
  const res = await fetch(`${t.baseUrl}${url}`, {
    method: route.method.toUpperCase(),
    headers,
    ...(call.body === undefined ? {} : { body: call.body }),
    signal: abort.signal,
  });
  const contentType = res.headers.get('content-type') ?? '';
  const streaming = contentType.startsWith('text/event-stream');
  const text = streaming ? '' : await res.text();
  abort.abort();
  return { url, answer: { status: res.status, contentType, text } };
}

/** The error body's code, or undefined when the text is not the error shape. */
function codeOf(text: string): string | undefined {
  try {
    const code = (JSON.parse(text) as { error?: { code?: unknown } }).error?.code;
    return typeof code === 'string' ? code : undefined;
  } catch {
    return undefined;
  }
}

/** `200`, or `400 validation_failed body.name`: the status, code and first field of an answer (and the message). */
function labelOf(answer: Answer): string {
  if (answer.status < 400) return String(answer.status);
  try {
    const { error } = JSON.parse(answer.text) as {
      error?: { code?: string; message?: string; details?: { path?: string }[] };
    };
    return [answer.status, error?.code, error?.details?.[0]?.path, STATS === '2' && error?.message]
      .filter(Boolean)
      .join(' ');
  } catch {
    return `${answer.status} (not JSON)`;
  }
}

/** What is wrong with the answer, or undefined. */
function problemOf(answer: Answer, moved: string[]): string | undefined {
  if (answer.status >= 500) return `answered ${answer.status}`;
  if (answer.status < 400) return undefined;
  if (moved.length > 0) return `answered ${answer.status} but wrote rows (${moved.join(', ')})`;
  const code = codeOf(answer.text);
  return code && isErrorCode(code) ? undefined : `answered ${answer.status} without the error shape and a known code`;
}

/** `400 validation_failed×12, 200×3`. */
function tally(seen: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const s of seen) counts.set(s, (counts.get(s) ?? 0) + 1);
  return [...counts].map(([k, n]) => `${k}×${n}`).join(', ');
}

/** `webhook_nonces +1`: the tables whose row counts differ. */
const movedTables = (before: Record<string, number>, after: Record<string, number>) =>
  Object.keys({ ...before, ...after })
    .filter((k) => before[k] !== after[k])
    .map((k) => `${k} ${(after[k] ?? 0) - (before[k] ?? 0) > 0 ? '+' : ''}${(after[k] ?? 0) - (before[k] ?? 0)}`);

/** Every contract, known before the server is built so that each route is a test of its own. */
const CONTRACTS: readonly RegisteredRoute[] = Object.values(ROUTES).flatMap((area) => Object.values(area));

describe('what the fuzz found, pinned', () => {
  it('when a signed delivery is refused for its event then nothing is written, and the same delivery again is refused the same way (its signature was not spent)', async () => {
    const body = '[]';
    const ts = String(Math.floor(Date.now() / 1000));
    const deliver = () =>
      request(t.http)
        .post(`/api/hooks/${targets.webhook.workflowId}`)
        .set({ 'content-type': 'application/json', ...signed(ts, body) })
        .send(body);
    const before = await rowCounts(db.prisma);

    const first = await deliver();
    const again = await deliver();

    expect([first.status, first.body.error.code]).toEqual([400, 'invalid_event']);
    expect([again.status, again.body.error.code]).toEqual([400, 'invalid_event']);
    expect(await rowCounts(db.prisma)).toEqual(before);
  });
});

describe('every route under generated input', () => {
  it('when the server registers its routes then each is one of the fuzzed contracts', () => {
    expect(new Set(t.server.routes)).toEqual(new Set(CONTRACTS));
  });

  // Each route is a test with its own seed (SEED + its index), so that a failure replays alone.
  CONTRACTS.forEach((route, i) => {
    const seed = SEED + i;
    it(`when ${routeKey(route)} is called with generated params, query and body then it never answers 5xx and a 4xx writes nothing`, async () => {
      let counts = await rowCounts(db.prisma);
      const seen: string[] = [];
      const property = fc.asyncProperty(arbitraryCall(route), async (call) => {
        const { url, answer } = await send(route, call);
        if (STATS) seen.push(labelOf(answer));
        const after = await rowCounts(db.prisma);
        const moved = movedTables(counts, after);
        counts = after;
        const problem = problemOf(answer, moved);
        if (problem) {
          const body = call.body === undefined ? '' : ` body ${call.body.slice(0, 300)}`;
          throw new Error(
            `as ${call.caller}: ${route.method.toUpperCase()} ${url}${body} ${problem}: ${answer.text.slice(0, 300)}`,
          );
        }
      });
      const result = await fc.check(property, { seed, numRuns: RUNS, endOnFailure: true });
      if (STATS) console.log(`${routeKey(route)}: ${tally(seen)}`);
      // A fuzzed logout ends the sessions it was sent with: the next routes get new ones.
      if (routeKey(route) === 'POST /auth/logout') await signInAll();
      if (result.failed) {
        const replay = `FUZZ_SEED=${SEED} FUZZ_RUNS=${RUNS} npx vitest run server/test/authz/fuzz-routes.test.ts -t '${routeKey(route)} '`;
        expect.fail(`${routeKey(route)} (seed ${seed}; replay: ${replay}): ${String(result.errorInstance)}`);
      }
    }, 120_000);
  });
});
