/**
 * Connector steps for engine tests: the shipped catalog plus a destructive test connector,
 * a fake credentials port and live effects over real HTTP (127.0.0.1 allowed for the mocks).
 */
import { pino } from 'pino';
import { ConnectorDefinition } from '@autonomic/workflow';
import { createConnectorEffect } from '../../src/adapters/connector-effect';
import { createHttpClient } from '../../src/adapters/http-client';
import { createLiveEffects } from '../../src/adapters/live-effects';
import { createConnectorCatalog } from '../../src/connectors/catalog';
import { CONNECTORS } from '../../src/connectors/registry';
import type { ConnectorCredentialValue, ConnectorCredentials } from '../../src/services/contracts';
import { step } from './harness';

/** acme-edge 1.0.0: block_network (destructive, target cidr `network`), never reached over HTTP in these tests. */
export const ACME_EDGE = ConnectorDefinition.parse({
  formatVersion: 1,
  id: 'acme-edge',
  name: 'ACME Edge',
  vendor: 'ACME',
  version: '1.0.0',
  description: 'An edge firewall for tests.',
  baseUrl: 'https://edge.acme.example',
  auth: { type: 'bearer' },
  actions: {
    block_network: {
      title: 'Block network',
      description: 'Drops traffic from a network.',
      effect: 'destructive',
      method: 'POST',
      path: '/v1/blocks',
      body: { network: '{{ network }}' },
      params: { type: 'object', properties: { network: { type: 'string' } }, required: ['network'] },
      response: { type: 'object' },
      target: { param: 'network', kind: 'cidr' },
      idempotency: 'Idempotency-Key',
      example: { id: 'blk-1' },
    },
  },
});

export const catalog = createConnectorCatalog([...CONNECTORS, ACME_EDGE]);

/** A credentials port over a fixed list. */
export function fakeCredentials(list: ConnectorCredentialValue[]): ConnectorCredentials {
  return {
    reveal: async (name) => list.find((c) => c.name === name),
    index: async () => list.map(({ name, connectorId, mode }) => ({ name, connectorId, mode })),
  };
}

/** Live effects with connector steps, over real HTTP to 127.0.0.1; the connector client does not wait between tries. */
export function liveConnectorEffects(credentials: ConnectorCredentials) {
  const http = createHttpClient({ allow: ['127.0.0.1'] });
  const connectors = createConnectorEffect({ catalog, credentials, http, client: { sleep: async () => {} } });
  return {
    effects: createLiveEffects({
      http,
      vault: { reveal: async () => undefined },
      log: pino({ level: 'silent' }),
      connectors,
    }),
    http,
  };
}

/** A connector step with the effect and target copied from the catalog's action. */
export function connectorStep(
  pin: { connector: string; version: string; action: string },
  credential: string,
  input: Record<string, unknown>,
  to: Record<string, string> = {},
  copy: Record<string, unknown> = {},
) {
  const action = catalog.get(pin.connector, pin.version)?.actions[pin.action];
  if (!action) throw new Error(`no ${pin.connector} ${pin.version} ${pin.action} in the test catalog`);
  const params = {
    ...pin,
    credential,
    input,
    effect: action.effect,
    ...(action.target ? { target: action.target } : {}),
    ...copy,
  };
  return step('connector', params, to);
}
