/**
 * The authorisation table, walked: every registered route × {anonymous, each role}, with
 * nameless targets and bodies the route refuses. Anonymous gets 401, a role outside the
 * route's row 403, an allowed role the route's own answer (a 400 naming the body field, a
 * 404 for the nameless target, or the collection) — and nothing is written.
 */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, ROUTES, type RouteContract } from '@autonomic/api';
import type { RegisteredRoute } from '../../src/http/route';
import { createTestDatabase, type TestDatabase } from '../db/test-database';
import { ACCESS_TABLE, CALLERS, expectedGate, type Allowed, type Caller } from './access-table';
import { authzServer, routeKey, rowCounts, type AuthzServer } from './harness';
import { call, INVALID_BODY, mapLimited, type Answer } from './walk';

let db: TestDatabase;
let t: AuthzServer;
beforeAll(async () => {
  db = await createTestDatabase();
  t = await authzServer(db);
});
afterAll(async () => {
  await t.close();
  await db.drop();
});

/** The one route whose body is anything (the signed event): its signature check answers instead. */
const WEBHOOK = 'POST /hooks/:workflowId';

/** The tables the API writes: the row counts of these (and every other table) must not move. */
const WRITTEN_TABLES = [
  'workflows',
  'workflow_versions',
  'reviews',
  'review_decisions',
  'review_comments',
  'runs',
  'step_runs',
  'approval_tasks',
  'safety_entries',
  'secrets',
  'users',
  'sessions',
  'api_tokens',
  'audit_events',
  'custom_connector_versions',
];

const refusesInvalidBody = (route: RegisteredRoute) => route.body?.safeParse(INVALID_BODY).success === false;

interface Want {
  status: number;
  code: string | undefined;
  /** The first error detail's path starts with this. */
  detail?: string;
  /** The content type starts with this. */
  type?: string;
}

/** What an allowed caller gets: the body error first, else the nameless target's 404, else the route's own answer. */
function expectedAnswer(route: RegisteredRoute): Want {
  if (refusesInvalidBody(route)) return { status: 400, code: 'validation_failed', detail: 'body' };
  if (routeKey(route) === WEBHOOK) return { status: 401, code: 'invalid_signature' };
  if (route.path.includes(':')) return { status: 404, code: 'not_found' };
  if (route.path.endsWith('/events')) return { status: 200, code: undefined, type: 'text/event-stream' };
  return { status: route.status ?? 200, code: undefined };
}

function expected(route: RegisteredRoute, caller: Caller): Want {
  const gate = expectedGate(ACCESS_TABLE[routeKey(route)] ?? [], caller);
  if (gate === 401) return { status: 401, code: 'unauthenticated' };
  if (gate === 403) return { status: 403, code: 'forbidden' };
  return expectedAnswer(route);
}

const matches = (want: Want, got: Answer) =>
  got.status === want.status &&
  got.code === want.code &&
  (want.detail === undefined || got.firstDetail?.startsWith(want.detail) === true) &&
  (want.type === undefined || got.contentType.startsWith(want.type));

/** The route's rule in the table's terms: 'authenticated' is every role. */
const ruleOf = (route: RegisteredRoute): Allowed => (route.access === 'authenticated' ? ROLES : route.access);

describe('route access', () => {
  it('when the server registers its routes then each has exactly one row in the access table, equal to its rule', () => {
    const keys = t.server.routes.map(routeKey);

    expect(new Set(keys).size).toBe(keys.length);
    expect([...keys].sort()).toEqual(Object.keys(ACCESS_TABLE).sort());
    for (const route of t.server.routes) {
      expect({ route: routeKey(route), rule: ruleOf(route) }).toEqual({
        route: routeKey(route),
        rule: ACCESS_TABLE[routeKey(route)],
      });
    }
  });

  it('when the server registers its routes then each is a contract of @autonomic/api, every contract is registered, and every JSON route declares its reply', () => {
    const contracts = new Set<RouteContract>(Object.values(ROUTES).flatMap((area) => Object.values(area)));
    const registered = new Set<RouteContract>(t.server.routes);
    expect(t.server.routes.filter((r) => !contracts.has(r)).map(routeKey)).toEqual([]);
    expect([...contracts].filter((c) => !registered.has(c)).map(routeKey)).toEqual([]);
    // A route without a response schema must say what it answers instead (a stream, a file) or answer 204.
    const undeclared = t.server.routes.filter((r) => !r.response && !r.produces && r.status !== 204);
    expect(undeclared.map(routeKey)).toEqual([]);
  });

  it('when a route takes a body then its schema refuses the walk’s invalid body (the webhook alone takes any JSON)', () => {
    const takesAnything = t.server.routes.filter((r) => r.body && !refusesInvalidBody(r)).map(routeKey);

    expect(takesAnything).toEqual([WEBHOOK]);
  });

  it('when every caller calls every route on nameless targets with invalid bodies then each gets its expected answer and nothing is written', async () => {
    const before = await rowCounts(db.prisma);
    expect(Object.keys(before)).toEqual(expect.arrayContaining(WRITTEN_TABLES));
    const cases = t.server.routes.flatMap((route) => CALLERS.map((caller) => ({ route, caller })));

    const answers = await mapLimited(cases, 6, ({ route, caller }) => call(t, route, caller));

    const wrong = cases.flatMap(({ route, caller }, i) => {
      const want = expected(route, caller);
      const got = answers[i] as Answer;
      return matches(want, got)
        ? []
        : [`${routeKey(route)} as ${caller}: want ${JSON.stringify(want)}, got ${JSON.stringify(got)}`];
    });
    expect(wrong).toEqual([]);
    expect(cases.length).toBe(t.server.routes.length * CALLERS.length);
    expect(await rowCounts(db.prisma)).toEqual(before);
  });

  it('when a request is wrong in several places then access is judged first, then params before the body', async () => {
    const patch = (caller: Caller) =>
      request(t.http).patch('/api/users/not-a-uuid').set(t.headers(caller)).send(INVALID_BODY);

    expect((await patch('anonymous')).body.error.code).toBe('unauthenticated');
    expect((await patch('manager')).body.error.code).toBe('forbidden');
    const res = await patch('admin');
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toEqual(['params.id']);
  });

  it('when a query is wrong then the 400 names the query field, and an unknown key names the query', async () => {
    const wait = await request(t.http).post('/api/hooks/x?wait=soon').send({});
    const runs = await request(t.http).get('/api/runs?limit=0&nope=1').set(t.headers('manager'));

    expect(wait.status).toBe(400);
    expect(wait.body.error.details.map((d: { path: string }) => d.path)).toEqual(['query.wait']);
    expect(runs.status).toBe(400);
    expect(runs.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['query', 'query.limit']);
  });
});
