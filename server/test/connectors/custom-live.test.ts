/**
 * A custom read connector called live over real HTTP against a local ACME Intel mock: its
 * credential's test connection, and workflow runs through the engine with the server's
 * catalog (built-ins plus the stored versions), the credentials service and the live
 * connector effect. A run pinned to 1.0.0 keeps calling 1.0.0's API after 1.1.0 is
 * installed; a version awaiting review is refused before anything is sent.
 */
import { randomBytes } from 'node:crypto';
import type { Actor } from '@autonomic/api';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createConnectorEffect } from '../../src/adapters/connector-effect';
import { createLiveEffects } from '../../src/adapters/live-effects';
import { createLiveConnectorCatalog } from '../../src/connectors/catalog';
import { createCredentialsService } from '../../src/services/credentials';
import {
  createCustomConnectorService,
  loadStoredConnectors,
  type CustomConnectorService,
} from '../../src/services/custom-connectors';
import { createCipher } from '../../src/services/secrets';
import type { VendorMock } from '../../connectors/vendor-mock';
import { ConnectorDefinition } from '@autonomic/workflow';
import { createTestDatabase, type TestDatabase } from '../db/test-database';
import { createVirtualClock } from '../../src/engine';
import { harness, inspect, step, T0, workflow } from '../engine/harness';
import { createUser, testContext } from '../support/app';
import { testClient, type TestClient } from './support';
import { edr, intel, INTEL_KEY, startIntelMock } from './custom-support';

let db: TestDatabase;
let mock: VendorMock;
let client: TestClient;
let custom: CustomConnectorService;
let credentials: ReturnType<typeof createCredentialsService>;
let catalog: ReturnType<typeof createLiveConnectorCatalog>;
let admin: Actor;
let reviewer: Actor;

const actor = async (role: 'admin' | 'reviewer'): Promise<Actor> => {
  const u = await createUser(db.prisma, role);
  return { userId: u.id, username: u.username, role, via: 'token', tokenId: 'test' };
};

beforeAll(async () => {
  [db, mock] = await Promise.all([createTestDatabase(), startIntelMock()]);
  const ctx = testContext(db.prisma);
  client = testClient();
  // As createServer wires them: one catalog for the custom service, the credentials and the effect.
  catalog = createLiveConnectorCatalog({ load: () => loadStoredConnectors(ctx), now: Date.now, onError: () => {} });
  custom = createCustomConnectorService(ctx, { catalog });
  credentials = createCredentialsService(ctx, {
    cipher: createCipher(randomBytes(32)),
    client: client.client,
    connector: (id) => catalog.latest(id),
  });
  [admin, reviewer] = [await actor('admin'), await actor('reviewer')];
  await custom.create(ConnectorDefinition.parse(intel('1.0.0')), admin);
  await credentials.create(
    { name: 'intel', connectorId: 'acme-intel', mode: 'live', value: INTEL_KEY, settings: {}, baseUrl: mock.baseUrl },
    admin,
  );
}, 60_000);
beforeEach(() => {
  mock.calls.length = 0;
});
afterAll(async () => {
  await mock.close();
  await client.http.close();
  await db.drop();
});

/** An engine whose live effects run connector steps through the catalog and the credentials service. */
function engine() {
  const http = client.http;
  const connectors = createConnectorEffect({ catalog, credentials, http, client: { sleep: async () => {} } });
  const log = testContext(db.prisma).log;
  // A clock that moves only when told: the calls are real, so no step timeout may fire meanwhile.
  return harness({
    effects: createLiveEffects({ http, vault: { reveal: async () => undefined }, log, connectors }),
    clock: createVirtualClock({ start: T0 }),
  });
}

// start → look (acme-intel <version> lookup_ip {{ event.ip }})
const lookupDoc = (version: string) =>
  workflow('look', {
    look: step('connector', {
      connector: 'acme-intel',
      version,
      action: 'lookup_ip',
      credential: 'intel',
      input: { ip: '{{ event.ip }}' },
      effect: 'read',
      target: { param: 'ip', kind: 'ip' },
    }),
  });

describe('a custom connector, live', () => {
  it("when its credential's connection is tested then the health action reaches the vendor with the key", async () => {
    const res = await credentials.test('intel', admin);

    expect(res).toMatchObject({ ok: true, status: 200 });
    expect(mock.calls.map((c) => [c.method, c.path, c.headers['x-api-key']])).toEqual([
      ['GET', '/v1/status', INTEL_KEY],
    ]);
  });

  it('when a run pinned to 1.0.0 starts before and after 1.1.0 is installed then both call the 1.0.0 API; a run pinned to 1.1.0 calls the new one', async () => {
    const { engine: e, store } = engine();

    const before = await e.start(lookupDoc('1.0.0'), { ip: '203.0.113.9' });
    await custom.create(ConnectorDefinition.parse(intel('1.1.0', '/v2/ip/{{ ip }}')), admin);
    const after = await e.start(lookupDoc('1.0.0'), { ip: '203.0.113.9' });
    const newer = await e.start(lookupDoc('1.1.0'), { ip: '203.0.113.9' });

    expect([before.status, after.status, newer.status]).toEqual(['succeeded', 'succeeded', 'succeeded']);
    expect(mock.calls.map((c) => c.path)).toEqual(['/v1/ip/203.0.113.9', '/v1/ip/203.0.113.9', '/v2/ip/203.0.113.9']);
    expect((await inspect(store, after.runId)).result('look')?.output).toEqual({
      ip: '203.0.113.9',
      risk: 80,
      api: 'v1',
    });
    expect((await inspect(store, newer.runId)).result('look')?.output).toMatchObject({ api: 'v2' });
  });

  it('when a step pins a version awaiting review then the run fails with a validation error saying so, and nothing is sent', async () => {
    await custom.create(ConnectorDefinition.parse({ ...edr(), id: 'acme-edr-live' }), admin);
    const doc = workflow('isolate', {
      isolate: step('connector', {
        connector: 'acme-edr-live',
        version: '1.0.0',
        action: 'isolate_host',
        credential: 'intel',
        input: { host: 'ws-42' },
        effect: 'destructive',
        target: { param: 'host', kind: 'host' },
      }),
    });
    const { engine: e, store } = engine();

    const run = await e.start(doc, {});

    expect(run.status).toBe('failed');
    const attempt = (await inspect(store, run.runId)).attemptsOf('isolate')[0];
    expect(attempt?.error).toMatchObject({
      kind: 'validation',
      message: 'connector acme-edr-live 1.0.0 is awaiting review, so it is not installed (no version is installed)',
    });
    expect(mock.calls).toEqual([]);
  });

  it('when the pending version is approved then the same catalog serves it at once (no restart)', async () => {
    await custom.create(ConnectorDefinition.parse({ ...edr(), id: 'acme-edr-later' }), admin);
    expect(catalog.get('acme-edr-later', '1.0.0')).toBeUndefined();

    await custom.approve('acme-edr-later', '1.0.0', reviewer);

    expect(catalog.get('acme-edr-later', '1.0.0')?.actions['isolate_host']?.effect).toBe('destructive');
    expect(catalog.reviewStatus('acme-edr-later', '1.0.0')).toBeUndefined();
  });
});
