/** Fixtures for the credentials page tests: a connector with settings, credentials and a server double. */
import { ConnectorHealth, ConnectorSummary, CredentialInfo, type CredentialHealthItem } from '@autonomic/api';
import { ConnectorDefinition } from '@autonomic/workflow';

export const firewall = ConnectorDefinition.parse({
  formatVersion: 1,
  id: 'firewall',
  name: 'Firewall',
  vendor: 'Acme',
  version: '1.0.0',
  description: 'Blocks addresses.',
  baseUrl: 'https://{{ host }}:{{ port }}',
  auth: { type: 'bearer' },
  settings: {
    type: 'object',
    properties: {
      host: { type: 'string', title: 'Management host', pattern: '^[A-Za-z0-9.-]{1,253}$' },
      port: { type: 'string', title: 'HTTPS admin port', default: '443' },
    },
    required: ['host', 'port'],
  },
  actions: {
    status: {
      title: 'Status',
      description: 'Health.',
      effect: 'read',
      method: 'GET',
      path: '/status',
      params: { type: 'object', properties: {} },
      response: { type: 'object' },
      example: { ok: true },
    },
  },
});

/**
 * `GET /api/connectors`'s entry for it: the summary, where it comes from and its versions
 * (built as data: parsing with the summary schema would drop the list's extra fields).
 */
export const firewallSummary = {
  ...ConnectorSummary.parse({
    ...firewall,
    authType: 'bearer',
    actions: [{ id: 'status', title: 'Status', effect: 'read' }],
  }),
  source: 'builtin',
  versions: [
    {
      version: '1.0.0',
      status: 'installed',
      destructiveActions: [],
      createdById: null,
      createdAt: null,
      reviewedById: null,
      reviewedAt: null,
    },
  ],
};

export const credentialInfo = (name: string, connectorId: string, over: Partial<CredentialInfo> = {}) =>
  CredentialInfo.parse({
    id: `0190a1b2-0000-7000-8000-${String(name.length).padStart(12, '0')}`,
    name,
    connectorId,
    mode: 'test',
    settings: {},
    baseUrl: null,
    lastUsedAt: null,
    lastTest: null,
    rotation: { version: 1, rotatedAt: null, failedAt: null, failure: null },
    createdById: null,
    createdAt: '2026-11-01T09:00:00.000Z',
    updatedAt: '2026-11-01T09:00:00.000Z',
    ...over,
  });

/** `GET /api/connectors/health`'s reply with these credentials' probe states, all under the firewall connector. */
export const healthReply = (credentials: CredentialHealthItem[]) => ({
  connectors:
    credentials.length === 0
      ? []
      : [
          ConnectorHealth.parse({
            connectorId: 'firewall',
            name: 'Firewall',
            status: 'unknown',
            credentials,
            drift: { events: 0, open: 0, breaking: 0, lastSeenAt: null },
            affectedWorkflows: [],
          }),
        ],
});
