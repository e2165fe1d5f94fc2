/** Fixtures for connector tests: definitions, summaries and credentials that satisfy the API contracts. */
import { ConnectorListItem, ConnectorSummary, CredentialInfo } from '@autonomic/api';
import { ConnectorDefinition } from '@autonomic/workflow';
import type { ConnectorCatalog } from './catalog';

export const abuseipdb = ConnectorDefinition.parse({
  formatVersion: 1,
  id: 'abuseipdb',
  name: 'AbuseIPDB',
  vendor: 'AbuseIPDB',
  version: '1.2.0',
  description: 'IP reputation.',
  baseUrl: 'https://api.abuseipdb.com',
  auth: { type: 'api_key', in: 'header', name: 'Key' },
  actions: {
    check_ip: {
      title: 'Check IP reputation',
      description: 'How confident AbuseIPDB is that the address is abusive.',
      effect: 'read',
      method: 'GET',
      path: '/api/v2/check',
      query: { ipAddress: '{{ ipAddress }}', maxAgeInDays: '{{ maxAgeInDays }}' },
      params: {
        type: 'object',
        properties: {
          ipAddress: {
            type: 'string',
            title: 'IP address',
            description: 'The address to check.',
            anyOf: [{ format: 'ipv4' }, { format: 'ipv6' }],
          },
          maxAgeInDays: { type: 'integer', title: 'Max age in days', minimum: 1, maximum: 365, default: 30 },
          verbose: { type: 'string', title: 'Verbosity', enum: ['short', 'full'] },
        },
        required: ['ipAddress'],
      },
      response: {
        type: 'object',
        properties: {
          data: {
            type: 'object',
            properties: { abuseConfidenceScore: { type: 'integer', description: '0-100' }, isp: { type: 'string' } },
          },
        },
      },
      target: { param: 'ipAddress', kind: 'ip' },
      example: { data: { abuseConfidenceScore: 97, isp: 'Example ISP' } },
    },
  },
});

export const slack = ConnectorDefinition.parse({
  formatVersion: 1,
  id: 'slack',
  name: 'Slack Web API',
  vendor: 'Slack',
  version: '2.0.0',
  description: 'Messages.',
  baseUrl: 'https://slack.com/api',
  auth: { type: 'bearer' },
  actions: {
    post_message: {
      title: 'Post a message',
      description: 'Posts to a channel.',
      effect: 'write',
      method: 'POST',
      path: '/chat.postMessage',
      body: { channel: '{{ channel }}', text: '{{ text }}' },
      params: {
        type: 'object',
        properties: { channel: { type: 'string' }, text: { type: 'string' } },
        required: ['channel', 'text'],
      },
      response: { type: 'object', properties: { ts: { type: 'string' } } },
      example: { ok: true, ts: '1.2' },
    },
  },
});

const summaryOf = (d: ConnectorDefinition) =>
  ConnectorSummary.parse({
    ...d,
    authType: d.auth.type,
    actions: Object.entries(d.actions).map(([id, a]) => ({
      id,
      title: a.title,
      effect: a.effect,
      ...(a.target ? { targetKind: a.target.kind } : {}),
    })),
  });

const credential = (name: string, connectorId: string, mode: 'live' | 'test') =>
  CredentialInfo.parse({
    id: `00000000-0000-4000-8000-00000000000${name.length % 10}`,
    name,
    connectorId,
    mode,
    settings: {},
    baseUrl: null,
    lastUsedAt: null,
    lastTest: null,
    rotation: { version: 1, rotatedAt: null, failedAt: null, failure: null },
    createdById: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
  });

export const credentials = [
  credential('abuse_prod', 'abuseipdb', 'live'),
  credential('abuse_sandbox', 'abuseipdb', 'test'),
  credential('slack_soc', 'slack', 'live'),
];

/** A built-in connector as `GET /api/connectors` lists it: its summary, its source and its one installed version. */
const listItemOf = (d: ConnectorDefinition) =>
  ConnectorListItem.parse({
    ...summaryOf(d),
    source: 'builtin',
    versions: [
      {
        version: d.version,
        status: 'installed',
        destructiveActions: Object.entries(d.actions)
          .filter(([, a]) => a.effect === 'destructive')
          .map(([id]) => id),
        createdById: null,
        createdAt: null,
        reviewedById: null,
        reviewedAt: null,
      },
    ],
  });

/** `GET /api/connectors` as the server answers it. */
export const connectorList = { connectors: [listItemOf(slack), listItemOf(abuseipdb)] };

/** A loaded catalog of the two fixture connectors and three credentials. */
export function testCatalog(): ConnectorCatalog {
  return {
    status: 'ready',
    summaries: connectorList.connectors,
    definitions: { abuseipdb, slack },
    credentials,
    errors: [],
  };
}
