/**
 * CrowdStrike Falcon's Hosts API (one of its OAuth2-based APIs, one API host per cloud):
 * network-contain a host, lift its containment, read it. Auth: OAuth2 client credentials
 * (`client_id:client_secret`, sent in the form to `POST /oauth2/token`, which answers 201
 * with a 30-minute bearer token); the Falcon cloud is a credential setting that names the
 * API host. Containment acts on device ids, so each host action first finds the device by
 * its hostname (FQL `hostname:'<name>'`, the most recently seen one) and captures its id for
 * the next request; a hostname no device has ends the call there. Errors are
 * `{ meta, resources, errors: [{ code, message }] }`; over the rate limit Falcon answers 429
 * with `X-RateLimit-RetryAfter`, the Unix time in seconds to try again at. Falcon has no
 * idempotency header; containing a contained host is accepted again.
 */
import type { ConnectorAction, ConnectorDefinition } from '@autonomic/workflow';

/** The four commercial and GovCloud API hosts, one per Falcon cloud. */
export const FALCON_CLOUDS = [
  'api.crowdstrike.com',
  'api.us-2.crowdstrike.com',
  'api.eu-1.crowdstrike.com',
  'api.laggar.gcw.crowdstrike.com',
] as const;

/** Letters, digits, `.`, `_` and `-` only: the value sits inside an FQL string, so no quote may end it. */
const hostname = {
  type: 'string',
  title: 'Hostname',
  description: 'The host as Falcon names it (Host management), such as WS-FIN-0042.',
  pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,254}$',
};
const params: ConnectorAction['params'] = {
  type: 'object',
  properties: { hostname },
  required: ['hostname'],
  additionalProperties: false,
};

const meta = {
  type: 'object',
  required: ['query_time', 'trace_id'],
  properties: {
    query_time: { type: 'number' },
    powered_by: { type: 'string' },
    trace_id: { type: 'string' },
    pagination: {
      type: 'object',
      properties: { offset: { type: 'integer' }, limit: { type: 'integer' }, total: { type: 'integer' } },
    },
  },
};
const errors = {
  type: 'array',
  items: {
    type: 'object',
    required: ['code', 'message'],
    properties: { code: { type: 'integer' }, message: { type: 'string' } },
  },
};
const envelope = (resources: Record<string, unknown>) => ({
  type: 'object',
  required: ['meta', 'resources', 'errors'],
  properties: { meta, resources, errors },
});

const DEVICE_ID = '4d6f2b9e0c1a47d3b5e8f7a6c9d0e1f2';
const META = { query_time: 0.006, powered_by: 'device-api', trace_id: '0c0b5a9e-6f2e-4b7c-9d11-3a8f0e2b7c41' };

/** Finds the device by hostname and captures its id; a hostname without one is reported by name. */
const findDevice: Pick<ConnectorAction, 'method' | 'path' | 'query' | 'capture'> = {
  method: 'GET',
  path: '/devices/queries/devices/v1',
  // A re-imaged host leaves older records with its name; the live sensor is the one seen last.
  query: { filter: "hostname:'{{ hostname }}'", sort: 'last_seen.desc', limit: '1' },
  capture: {
    device_id: { pointer: '/resources/0', missing: 'no Falcon device has the hostname {{ hostname }}' },
  },
};

/** Contain or lift: the device found by hostname, then the devices-actions request for its id. */
function deviceAction(
  actionName: 'contain' | 'lift_containment',
  text: Pick<ConnectorAction, 'title' | 'description' | 'effect'>,
): ConnectorAction {
  return {
    ...text,
    ...findDevice,
    then: [
      {
        method: 'POST',
        path: '/devices/entities/devices-actions/v2',
        query: { action_name: actionName },
        body: { ids: ['{{ device_id }}'] },
      },
    ],
    params,
    response: envelope({
      type: 'array',
      items: { type: 'object', required: ['id'], properties: { id: { type: 'string' }, path: { type: 'string' } } },
    }),
    target: { param: 'hostname', kind: 'host' },
    idempotency: 'none',
    example: {
      meta: META,
      resources: [{ id: DEVICE_ID, path: 'https://api.crowdstrike.com/devices/entities/devices/v1' }],
      errors: [],
    },
  };
}

const device = {
  type: 'object',
  required: ['device_id', 'hostname', 'status'],
  properties: {
    device_id: { type: 'string' },
    cid: { type: 'string' },
    hostname: { type: 'string' },
    platform_name: { type: 'string' },
    os_version: { type: 'string' },
    status: { enum: ['normal', 'containment_pending', 'contained', 'lift_containment_pending'] },
    last_seen: { type: 'string' },
    first_seen: { type: 'string' },
    local_ip: { type: 'string' },
    external_ip: { type: 'string' },
    mac_address: { type: 'string' },
    agent_version: { type: 'string' },
  },
};

export const crowdstrikeFalcon: ConnectorDefinition = {
  formatVersion: 1,
  id: 'crowdstrike-falcon',
  name: 'CrowdStrike Falcon',
  vendor: 'CrowdStrike',
  version: '1.0.0',
  description: 'Network-contains hosts, lifts containment and reads host details (Falcon Hosts API).',
  baseUrl: 'https://{{ cloud }}',
  auth: {
    type: 'oauth2_client_credentials',
    tokenUrl: 'https://{{ cloud }}/oauth2/token',
    scopes: [],
    clientAuth: 'client_secret_post',
  },
  settings: {
    type: 'object',
    properties: {
      cloud: {
        type: 'string',
        title: 'Falcon cloud',
        description: 'The API host of your Falcon cloud (US-1, US-2, EU-1 or US-GOV-1).',
        enum: [...FALCON_CLOUDS],
        default: 'api.crowdstrike.com',
      },
    },
    required: ['cloud'],
    additionalProperties: false,
  },
  // 6,000 requests a minute per customer account, every API client counted together.
  rateLimit: { requests: 6_000, per: '1m' },
  retryableStatuses: [429, 502, 503, 504],
  retryAfter: { header: 'X-RateLimit-RetryAfter', form: 'epoch_seconds' },
  healthAction: { action: 'test_connection', params: {} },
  actions: {
    contain_host: deviceAction('contain', {
      title: 'Contain a host',
      description:
        'Network-contains the device with this hostname (the one seen last): it talks to the Falcon cloud only until containment is lifted. Needs the Hosts: write scope.',
      effect: 'destructive',
    }),
    lift_containment: deviceAction('lift_containment', {
      title: 'Lift containment',
      description: 'Gives the device with this hostname its network back. Needs the Hosts: write scope.',
      effect: 'write',
    }),
    get_host: {
      title: 'Get a host',
      description: 'The device with this hostname: its id, platform, OS, containment status, last seen and addresses.',
      effect: 'read',
      ...findDevice,
      then: [{ method: 'GET', path: '/devices/entities/devices/v2', query: { ids: '{{ device_id }}' } }],
      params,
      response: envelope({ type: 'array', minItems: 1, items: device }),
      idempotency: 'none',
      example: {
        meta: META,
        resources: [
          {
            device_id: DEVICE_ID,
            cid: '0123456789abcdef0123456789abcdef',
            hostname: 'WS-FIN-0042',
            platform_name: 'Windows',
            os_version: 'Windows 11',
            status: 'contained',
            last_seen: '2026-12-05T21:28:44Z',
            first_seen: '2025-03-11T08:02:19Z',
            local_ip: '10.20.4.42',
            external_ip: '198.51.100.23',
            mac_address: '3c-52-82-aa-10-42',
            agent_version: '7.20.19002.0',
          },
        ],
        errors: [],
      },
    },
    test_connection: {
      title: 'Test the connection',
      description: 'Lists one device id: fails when the client id or secret is wrong or lacks the Hosts: read scope.',
      effect: 'read',
      method: 'GET',
      path: '/devices/queries/devices/v1',
      query: { limit: '1' },
      params: { type: 'object', properties: {}, additionalProperties: false },
      response: envelope({ type: 'array', items: { type: 'string' } }),
      idempotency: 'none',
      example: {
        meta: { ...META, pagination: { offset: 0, limit: 1, total: 214 } },
        resources: [DEVICE_ID],
        errors: [],
      },
    },
  },
};
