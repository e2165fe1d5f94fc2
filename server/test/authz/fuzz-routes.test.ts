/**
 * A property over every registered route: whatever the params, query and body (generated
 * from the route's own schemas, mostly fitting, now and then hostile — see
 * fuzz-arbitraries.ts), called by a role its access rule admits, the server never answers
 * 5xx, every 4xx is the one error shape with a known code, and a 4xx writes no row.
 *
 * The targets are real (a workflow with two versions, a review, a comment, a published
 * version, a run, a simulation, a safety entry, a secret, an SLO, a user and a token), so
 * requests reach the services, not only the checks in front of them.
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
import { arbitraryFor, arbitrarySegments, encode, hostile, type Pools } from './fuzz-arbitraries';
import { authzServer, PASSWORD, routeKey, rowCounts, type AuthzServer } from './harness';

const SEED = Number(process.env.FUZZ_SEED ?? 1002);
const RUNS = Number(process.env.FUZZ_RUNS ?? 20);
/** FUZZ_STATS=1 prints what each route answered (status, code, first field; =2 also the message): how deep the input got. */
const STATS = process.env.FUZZ_STATS;

let db: TestDatabase;
let t: AuthzServer;
/** The seeded workflow and its webhook secret: the fuzz signs some deliveries, so that their events reach the trigger. */
const webhook = { workflowId: '', secret: '' };
/** The pools of real values for a route: ids of the rows seeded for it. */
let poolsFor: (route: RegisteredRoute) => Pools;
beforeAll(async () => {
  db = await createTestDatabase();
  t = await authzServer(db);
  poolsFor = await seedTargets();
}, 60_000);
afterAll(async () => {
  await t.close();
  await db.drop();
});

/** start (webhook) → shape (transform) → done (end); with a stored sample. */
const document = (team: string) => ({
  formatVersion: 1,
  metadata: { name: 'Fuzz target', tags: ['fuzz'] },
  trigger: {
    id: 'start',
    type: 'trigger.webhook',
    params: {},
    inputSchema: { type: 'object', properties: { ip: { type: 'string', pattern: '^[0-9.]+$' } } },
    transitions: { out: ['shape'] },
  },
  steps: {
    shape: {
      type: 'transform',
      params: { expression: '{ "ip": event.ip, "team": vars.team }' },
      transitions: { out: ['done'] },
    },
    done: { type: 'end', params: { output: 'steps.shape.output' } },
  },
  vars: { team },
  samples: [{ name: 'one', event: { ip: '198.51.100.7' }, expect: { status: 'succeeded' } }],
});

/** Creates one of everything through the API; the pools name them. */
async function seedTargets(): Promise<(route: RegisteredRoute) => Pools> {
  const as = (role: Role) => t.headers(role);
  const ok = async (res: Promise<request.Response>, status = 201) => {
    const r = await res;
    if (r.status !== status) throw new Error(`seeding: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const api = request(t.http);
  const created = await ok(
    api
      .post('/api/workflows')
      .set(as('analyst'))
      .send({ document: document('soc') }),
  );
  const wf = created.workflow as { id: string; slug: string };
  await ok(
    api
      .post(`/api/workflows/${wf.id}/versions`)
      .set(as('analyst'))
      .send({ document: document('ir') }),
  );
  const review = await ok(
    api
      .post(`/api/workflows/${wf.id}/versions/1/review`)
      .set(as('analyst'))
      .send({ reviewerIds: [t.users.reviewer.id] }),
  );
  const comment = await ok(
    api
      .post(`/api/workflows/${wf.id}/versions/1/comments`)
      .set(as('reviewer'))
      .send({ body: 'looks fine', nodeId: 'shape' }),
  );
  await ok(api.post(`/api/reviews/${review.review.id}/decisions`).set(as('reviewer')).send({ decision: 'approve' }));
  await ok(api.post(`/api/workflows/${wf.id}/versions/1/publish`).set(as('analyst')), 200);
  const run = await ok(
    api
      .post(`/api/workflows/${wf.id}/runs`)
      .set(as('analyst'))
      .send({ event: { ip: '192.0.2.1' } }),
    202,
  );
  const sim = await ok(
    api.post(`/api/workflows/${wf.id}/versions/1/simulate`).set(as('analyst')).send({ sample: 'one' }),
    200,
  );
  const issued = await ok(api.post(`/api/workflows/${wf.id}/webhook-secret`).set(as('analyst')));
  Object.assign(webhook, { workflowId: wf.id, secret: String(issued.secret) });
  const entry = await ok(
    api
      .post('/api/safety/entries')
      .set(as('admin'))
      .send({ list: 'protected', kind: 'ip', value: '10.1.2.3', reason: 'dc' }),
  );
  await ok(api.put('/api/secrets/fuzz.secret').set(as('admin')).send({ value: 'hunter2-hunter2' }), 200);
  await ok(
    api
      .put(`/api/dashboard/slos/${wf.id}`)
      .set(as('admin'))
      .send({ objectivePercent: 99, latencySeconds: 60, windowDays: 7 }),
    200,
  );
  const victim = await ok(
    api
      .post('/api/users')
      .set(as('admin'))
      .send({ username: 'victim', displayName: 'Victim', role: 'analyst', password: PASSWORD }),
  );
  // Tokens are made from a signed-in session.
  const session = await t.login('admin');
  const token = await ok(
    api.post('/api/tokens').set('Cookie', session.cookie).set('x-csrf-token', session.csrf).send({ name: 'spare' }),
  );
  const ids = [wf.id, run.runId, sim.runId, entry.id, victim.id, token.id, review.review.id, comment.id];
  /** `:id` means another row in each area. */
  const idsByArea: Record<string, unknown[]> = {
    workflows: [wf.id, wf.slug],
    runs: [run.runId, sim.runId],
    users: [victim.id],
    tokens: [token.id],
    safety: [entry.id],
  };
  return (route) => {
    const area = route.path.split('/')[1] ?? '';
    const diff = route.path.endsWith('/diff');
    return {
      uuids: [...ids, '00000000-0000-0000-0000-000000000000'],
      byName: {
        id: idsByArea[area] ?? ids,
        workflowId: [wf.id],
        reviewId: [review.review.id],
        commentId: [comment.id],
        parentId: [comment.id],
        taskId: [`${run.runId}:ask`],
        number: [1, 2],
        toNumber: [1, 2],
        ...(diff ? { from: ['published', 1], to: [1, 2] } : {}),
        name: ['fuzz.secret', 'notify.slack'],
        nodeId: ['shape', 'done'],
        sample: ['one'],
        username: ['victim', t.users.analyst.username],
        password: [PASSWORD],
        reviewerIds: [[t.users.reviewer.id]],
      },
    };
  };
}

/** Who may call the route: admin and the route's own roles (public routes: also nobody). */
function callersOf(route: RegisteredRoute): Caller[] {
  if (route.access === 'public') return ['anonymous', 'admin'];
  if (route.access === 'authenticated') return [...ROLES];
  return [...new Set<Caller>(['admin', ...route.access])];
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
  caller: Caller;
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
  const pools = poolsFor(route);
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
  const mac = createHmac('sha256', webhook.secret).update(`${ts}.${body}`).digest('hex');
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
  const headers: Record<string, string> = { ...t.headers(call.caller) };
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
        .post(`/api/hooks/${webhook.workflowId}`)
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
      if (result.failed) {
        const replay = `FUZZ_SEED=${SEED} FUZZ_RUNS=${RUNS} npx vitest run server/test/authz/fuzz-routes.test.ts -t '${routeKey(route)} '`;
        expect.fail(`${routeKey(route)} (seed ${seed}; replay: ${replay}): ${String(result.errorInstance)}`);
      }
    }, 120_000);
  });
});
