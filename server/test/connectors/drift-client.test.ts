/**
 * The connector client's drift sink and the recorder behind it: the client tells the sink
 * of a drifted JSON answer (passing or failing the schema check) with masked samples and
 * the connector, version and action; never of a text answer or an answer as declared; and
 * a sink that throws changes nothing. The recorder (on the test database) never makes the
 * caller wait or fail: one write in flight, what comes meanwhile coalesced into the next
 * with exact counts, the excess past its bound dropped and logged, a failed write a warning.
 */
import { ConnectorDefinition } from '@autonomic/workflow';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startVendorMock, type MockAnswer, type VendorMock } from '../../connectors/vendor-mock';
import type { DriftEvent } from '../../src/connectors/drift';
import type { AppContext } from '../../src/context';
import type { DbClient } from '../../src/store/db';
import { createDriftRecorder } from '../../src/services/connector-drift';
import { testContext } from '../support/app';
import { createTestDatabase, type TestDatabase } from '../db/test-database';
import { failure, testClient, type TestClient } from './support';

const KEY = 'drift-key-7a6b5c4d3e2f';
/** What the mock answers next (then `{ id, score }`). */
const script: MockAnswer[] = [];
let server: VendorMock;
let db: TestDatabase;
let t: TestClient;
const events: DriftEvent[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  server = await startVendorMock({
    authFailure: () => undefined,
    rateLimited: (s) => ({ status: 429, body: {}, headers: { 'retry-after': String(s) } }),
    route: () => script.shift() ?? { status: 200, body: { id: 'x', score: 1 } },
  });
});
beforeEach(() => {
  events.length = 0;
  script.length = 0;
});
afterAll(async () => {
  await server.close();
  await db.drop();
});

const definition = ConnectorDefinition.parse({
  formatVersion: 1,
  id: 'drifty',
  name: 'Drifty',
  vendor: 'Tests',
  version: '2.1.0',
  description: 'A vendor that changes its answers.',
  baseUrl: 'https://drifty.example',
  auth: { type: 'api_key', in: 'header', name: 'X-Api-Key' },
  actions: {
    lookup: {
      title: 'Look up',
      description: '',
      effect: 'read',
      method: 'GET',
      path: '/items/x',
      params: { type: 'object', properties: {} },
      response: {
        type: 'object',
        properties: { id: { type: 'string' }, score: { type: 'integer' } },
        required: ['id', 'score'],
      },
      example: { id: 'x', score: 1 },
    },
    ping: {
      title: 'Ping',
      description: '',
      effect: 'read',
      method: 'GET',
      path: '/ping',
      params: { type: 'object', properties: {} },
      responseType: 'text',
      response: { type: 'string' },
      example: 'pong',
    },
  },
});

const call = (action: string) =>
  t.client.execute({ definition, action, params: {}, credential: KEY, baseUrl: server.baseUrl });

describe('the connector client with a drift sink', () => {
  beforeEach(() => {
    t = testClient({ drift: (e) => void events.push(e) });
  });
  afterEach(() => t.http.close());

  it('when an answer matches its schema then the sink hears nothing', async () => {
    await call('lookup');

    expect(events).toEqual([]);
  });

  it('when an answer passes with a new field then the step gets it and the sink hears a masked finding', async () => {
    script.push({ status: 200, body: { id: 'x', score: 1, owner: `alice ${KEY}` } });

    const res = await call('lookup');

    expect(res.output).toMatchObject({ id: 'x', score: 1 });
    expect(events).toEqual([
      {
        connectorId: 'drifty',
        version: '2.1.0',
        action: 'lookup',
        failed: false,
        findings: [
          { kind: 'new', path: '/owner', expected: 'undeclared', actual: 'string', sample: '<string, 28 chars>' },
        ],
      },
    ]);
  });

  it('when an answer fails its schema then the call fails with bad_response and the sink hears it as failed', async () => {
    script.push({ status: 200, body: { id: 'x', score: '1' } });

    const e = await failure(call('lookup'));

    expect(e.kind).toBe('bad_response');
    expect(events).toEqual([
      expect.objectContaining({
        failed: true,
        findings: [
          { kind: 'type', path: '/score', expected: 'integer', actual: 'string', sample: '<string, 1 chars>' },
        ],
      }),
    ]);
  });

  it('when the action answers text then the sink hears nothing', async () => {
    script.push({ status: 200, body: null, text: '{"not":"walked"}' });

    expect((await call('ping')).output).toBe('{"not":"walked"}');
    expect(events).toEqual([]);
  });

  it('when the sink throws then the call answers as it would without it', async () => {
    await t.http.close();
    t = testClient({
      drift: () => {
        throw new Error('sink broke');
      },
    });
    script.push({ status: 200, body: { id: 'x', score: 1, extra: true } });

    expect((await call('lookup')).output).toMatchObject({ extra: true });
  });
});

/**
 * The test database behind a gate: each write waits for `release()` (or fails when `fail`),
 * then goes to the real database; the warnings logged are kept.
 */
function gatedDatabase(fail = false) {
  const warnings: string[] = [];
  let open = () => {};
  let gate = new Promise<void>((resolve) => (open = resolve));
  let writes = 0;
  const prisma = {
    $executeRaw: async (sql: TemplateStringsArray, ...values: unknown[]) => {
      writes++;
      await gate;
      if (fail) throw new Error('database is down');
      return db.prisma.$executeRaw(sql, ...values);
    },
  } as unknown as DbClient;
  const log = pino({ level: 'warn' }, { write: (line: string) => void warnings.push(JSON.parse(line).msg) });
  const ctx: AppContext = { ...testContext(prisma), log };
  return {
    ctx,
    warnings,
    writes: () => writes,
    release: () => {
      open();
      gate = Promise.resolve();
    },
  };
}

const event = (...paths: string[]): DriftEvent => ({
  connectorId: 'drifty',
  version: '2.1.0',
  action: 'lookup',
  failed: false,
  findings: paths.map((path) => ({ kind: 'new', path, expected: 'undeclared', actual: 'integer', sample: '<number>' })),
});

const counts = async () =>
  Object.fromEntries(
    (await db.prisma.connectorDrift.findMany({ orderBy: { path: 'asc' } })).map((r) => [r.path, r.count]),
  );

describe('the drift recorder', () => {
  beforeEach(async () => {
    await db.prisma.connectorDrift.deleteMany();
  });

  it('when answers come while a write is in flight then record returns at once and they go in one more write, counted exactly', async () => {
    const g = gatedDatabase();
    const recorder = createDriftRecorder(g.ctx);

    recorder.record(event('/a'));
    for (let i = 0; i < 50; i++) recorder.record(event('/a', '/b'));

    expect(g.writes()).toBe(1);
    g.release();
    await recorder.settled();
    expect(g.writes()).toBe(2);
    expect(await counts()).toEqual({ '/a': 51, '/b': 50 });
  });

  it('when more distinct drifts wait than maxPending then the excess is dropped and logged once', async () => {
    const g = gatedDatabase();
    const recorder = createDriftRecorder(g.ctx, { maxPending: 2 });

    recorder.record(event('/a'));
    recorder.record(event('/b', '/c', '/d'));
    recorder.record(event('/e'));
    g.release();
    await recorder.settled();

    expect(recorder.dropped).toBe(2);
    expect(g.warnings).toEqual(['connector drift dropped: too many waiting']);
    expect(await counts()).toEqual({ '/a': 1, '/b': 1, '/c': 1 });
  });

  it('when a write fails then it is a logged warning, never a rejection', async () => {
    const g = gatedDatabase(true);
    const recorder = createDriftRecorder(g.ctx);

    recorder.record(event('/a'));
    g.release();
    await recorder.settled();

    expect(g.warnings).toEqual(['connector drift not recorded']);
    expect(g.writes()).toBe(1);
  });
});
