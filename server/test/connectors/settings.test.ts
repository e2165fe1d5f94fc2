/** Credential settings fill the base URL (before params), checked against the definition's settings schema. */
import type { ConnectorDefinition } from '@autonomic/workflow';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startVendorMock, type VendorMock } from '../../connectors/vendor-mock';
import { failure, testClient, type TestClient } from './support';

let server: VendorMock;
let t: TestClient;
beforeAll(async () => {
  server = await startVendorMock({
    authFailure: () => undefined,
    rateLimited: (s) => ({ status: 429, body: {}, headers: { 'retry-after': String(s) } }),
    route: () => ({ status: 200, body: { ok: true } }),
  });
});
beforeEach(() => {
  t = testClient();
  server.calls.length = 0;
});
afterEach(() => t.http.close());
afterAll(() => server.close());

/** The mock's port is a setting, so a call reaches it only when the setting fills the base URL. */
const definition: ConnectorDefinition = {
  formatVersion: 1,
  id: 'appliance',
  name: 'Appliance',
  vendor: 'Tests',
  version: '0.1.0',
  description: '',
  baseUrl: 'http://127.0.0.1:{{ port }}',
  auth: { type: 'bearer' },
  settings: {
    type: 'object',
    properties: { port: { type: 'string', pattern: '^[0-9]{1,5}$' } },
    required: ['port'],
  },
  retryableStatuses: [429],
  actions: {
    ping: {
      title: 'Ping',
      description: '',
      effect: 'read',
      method: 'GET',
      path: '/ping/{{ port }}',
      params: { type: 'object', properties: { port: { type: 'string' } }, required: ['port'] },
      response: { type: 'object' },
      idempotency: 'none',
      example: {},
    },
  },
};
const port = () => new URL(server.baseUrl).port;
const ping = (settings?: Record<string, string>) =>
  t.client.execute({
    definition,
    action: 'ping',
    params: { port: 'from-params' },
    credential: 'k',
    ...(settings ? { settings } : {}),
  });

describe('connector settings', () => {
  it('when a setting and a param share a name then the setting fills the base URL and the param the path', async () => {
    const result = await ping({ port: port() });

    expect(result.output).toEqual({ ok: true });
    expect(server.calls[0]?.path).toBe('/ping/from-params');
  });

  it('when the setting does not match its schema then nothing is sent', async () => {
    const e = await failure(ping({ port: '80/evil' }));

    expect(e.kind).toBe('invalid_params');
    expect(e.message).toContain('settings /port must match pattern');
    expect(server.calls).toHaveLength(0);
  });

  it('when the required setting is missing then nothing is sent', async () => {
    const e = await failure(ping());

    expect(e.kind).toBe('invalid_params');
    expect(e.message).toContain('settings / lacks port');
    expect(server.calls).toHaveLength(0);
  });
});
