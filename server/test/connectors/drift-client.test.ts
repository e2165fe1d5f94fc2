/**
 * The connector client's drift sink and the recorder behind it: the client tells the sink
 * of a drifted JSON answer (passing or failing the schema check) with masked samples and
 * the connector, version and action; never of a text answer or an answer as declared; and
 * a sink that throws changes nothing. The recorder never makes the caller wait or fail: a
 * failed write is a warning, and writes in flight are bounded.
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
import { failure, testClient, type TestClient } from './support';

const KEY = 'drift-key-7a6b5c4d3e2f';
/** What the mock answers next (then `{ id, score }`). */
const script: MockAnswer[] = [];
let server: VendorMock;
let t: TestClient;
const events: DriftEvent[] = [];

beforeAll(async () => {
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
afterAll(() => server.close());

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

/** A context whose database writes wait for `release` (or fail), with the warnings it logged. */
function slowDatabase(fail = false) {
  const warnings: string[] = [];
  let release = () => {};
  const gate = new Promise<void>((resolve) => (release = resolve));
  let writes = 0;
  const prisma = {
    $executeRaw: async () => {
      writes++;
      await gate;
      if (fail) throw new Error('database is down');
      return 1;
    },
  } as unknown as DbClient;
  const log = pino({ level: 'warn' }, { write: (line: string) => void warnings.push(JSON.parse(line).msg) });
  const ctx: AppContext = { ...testContext(prisma), log };
  return { ctx, warnings, release, writes: () => writes };
}

const event = (path: string): DriftEvent => ({
  connectorId: 'drifty',
  version: '2.1.0',
  action: 'lookup',
  failed: false,
  findings: [{ kind: 'new', path, expected: 'undeclared', actual: 'integer', sample: '<number>' }],
});

describe('the drift recorder', () => {
  it('when writes are slow then record returns at once, and events past the in-flight bound are dropped and logged', async () => {
    const db = slowDatabase();
    const recorder = createDriftRecorder(db.ctx, { maxInFlight: 2 });

    for (const path of ['/a', '/b', '/c']) recorder.record(event(path));

    expect(db.writes()).toBe(2);
    expect(recorder.dropped).toBe(1);
    expect(db.warnings).toEqual(['connector drift not recorded: too many writes in flight']);
    db.release();
    await recorder.settled();
    recorder.record(event('/d'));
    expect(db.writes()).toBe(3);
  });

  it('when a write fails then it is a logged warning, never a rejection', async () => {
    const db = slowDatabase(true);
    const recorder = createDriftRecorder(db.ctx);

    recorder.record(event('/a'));
    db.release();
    await recorder.settled();

    expect(db.warnings).toEqual(['connector drift not recorded']);
  });
});
