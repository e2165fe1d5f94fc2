/**
 * Microsoft Defender for Endpoint API (https://learn.microsoft.com/defender-endpoint/api/apis-intro):
 * isolate a machine from the network (Full or Selective), release it, follow the request,
 * read the machine. Auth: OAuth2
 * client credentials at the credential's tenant (`client_id:client_secret`, sent in the form to
 * `login.microsoftonline.com/{tenant}/oauth2/v2.0/token`, scope
 * `https://api.securitycenter.microsoft.com/.default`); the app needs the application
 * permissions Machine.Read.All and Machine.Isolate. The API host is a setting (the global one,
 * or a data-location host). Machine actions act on machine ids, so each finds the machine by
 * its DNS name first (OData `$filter=computerDnsName eq '<name>'`) and captures its id; a name
 * no machine has ends the call there. Isolate and release answer 201 with a MachineAction
 * (`status: 'Pending'` until the sensor acts); errors are `{ error: { code, message, target } }`
 * (400 ActiveRequestAlreadyExists while the same action is pending, 403 Forbidden without the
 * permission, 404 ResourceNotFound); over the limit (100 calls a minute, 1,500 an hour per
 * tenant for isolation) 429 with Retry-After. There is no idempotency header. Isolating an
 * isolated machine is accepted again (201, a new action); the same request while one is still
 * pending is 400 `ActiveRequestAlreadyExists` — "already so", but its code sits in
 * `error.code` and a `done` rule tests top-level fields only, and a bare 400 rule would also
 * take a refused isolation (an unsupported OS) for done. So it is reported as an error for now.
 */
import type { ConnectorAction, ConnectorDefinition } from '@autonomic/workflow';
import { MICROSOFT_TOKEN_URL, tenantSetting as tenant } from '../microsoft-identity';

/** The global API host, which routes by the tenant's data location, and the regional ones. */
export const DEFENDER_API_HOSTS = [
  'api.securitycenter.microsoft.com',
  'api-us.securitycenter.microsoft.com',
  'api-eu.securitycenter.microsoft.com',
  'api-uk.securitycenter.microsoft.com',
  'api-au.securitycenter.microsoft.com',
] as const;

/** Letters, digits, `.` and `-` only: the value sits inside an OData string, so no quote may end it. */
const hostname = {
  type: 'string',
  title: 'Device name',
  description: 'The machine as Defender names it (computerDnsName), such as ws-fin-0042.contoso.com.',
  pattern: '^[A-Za-z0-9][A-Za-z0-9.-]{0,254}$',
};
const comment = {
  type: 'string',
  title: 'Comment',
  description: "Why: shown in the device's action center and timeline.",
  minLength: 1,
  maxLength: 1_000,
};

/** Finds the machine by DNS name and captures its id; a name without one is reported by name. */
const findMachine: Pick<ConnectorAction, 'method' | 'path' | 'capture'> = {
  method: 'GET',
  // `$filter` is OData's query option: written into the path, as a query name may not start with `$`.
  path: "/api/machines?$filter=computerDnsName eq '{{ hostname }}'",
  capture: {
    machine_id: { pointer: '/value/0/id', missing: 'no Defender machine has the DNS name {{ hostname }}' },
  },
};

const machineAction = {
  type: 'object',
  required: ['id', 'type', 'status', 'machineId'],
  properties: {
    '@odata.context': { type: 'string' },
    id: { type: 'string' },
    type: { type: 'string' },
    scope: { type: ['string', 'null'] },
    requestor: { type: 'string' },
    requestorComment: { type: 'string' },
    status: { enum: ['Pending', 'InProgress', 'Succeeded', 'Failed', 'TimeOut', 'Cancelled'] },
    machineId: { type: 'string' },
    computerDnsName: { type: 'string' },
    creationDateTimeUtc: { type: 'string' },
    lastUpdateDateTimeUtc: { type: 'string' },
    relatedFileInfo: { type: ['object', 'null'] },
  },
};

const MACHINE_ID = '1e5bc9d7e413ddd7902c2932e418702b84d0cc07';
const ACTION = {
  '@odata.context': 'https://api.securitycenter.microsoft.com/api/$metadata#MachineActions/$entity',
  id: 'b89eb834-4578-496c-8be0-03f004061435',
  type: 'Isolate',
  scope: 'Full',
  requestor: '4a1aa1d5-c567-49d0-ad0b-cd957a47f842',
  requestorComment: 'Isolated by playbook run 7: ransomware alert',
  status: 'Pending',
  machineId: MACHINE_ID,
  computerDnsName: 'ws-fin-0042.contoso.com',
  creationDateTimeUtc: '2026-12-05T22:00:01.4521345Z',
  lastUpdateDateTimeUtc: '2026-12-05T22:00:01.4521345Z',
};

/** The machine found by DNS name, then the isolate or unisolate request for its id. */
function containment(
  verb: 'isolate' | 'unisolate',
  text: Pick<ConnectorAction, 'title' | 'description'>,
  properties: Record<string, Record<string, unknown>>,
  body: Record<string, string>,
  example: ConnectorAction['example'],
): ConnectorAction {
  return {
    ...text,
    // Releasing undoes a containment, like lifting one in Falcon: a write, which the
    // protected list does not hold back (a protected machine isolated by hand can be released).
    effect: verb === 'isolate' ? 'destructive' : 'write',
    ...findMachine,
    then: [{ method: 'POST', path: `/api/machines/{{ machine_id }}/${verb}`, body }],
    params: {
      type: 'object',
      properties: { hostname, comment, ...properties },
      required: ['hostname', 'comment'],
      additionalProperties: false,
    },
    response: machineAction,
    target: { param: 'hostname', kind: 'host' },
    idempotency: 'none',
    example,
  };
}

const machine = {
  type: 'object',
  required: ['id', 'computerDnsName', 'healthStatus'],
  properties: {
    id: { type: 'string' },
    computerDnsName: { type: 'string' },
    osPlatform: { type: 'string' },
    osVersion: { type: ['string', 'null'] },
    healthStatus: { type: 'string' },
    riskScore: { type: 'string' },
    exposureLevel: { type: 'string' },
    onboardingStatus: { type: 'string' },
    lastSeen: { type: 'string' },
    lastIpAddress: { type: 'string' },
    lastExternalIpAddress: { type: 'string' },
    machineTags: { type: 'array', items: { type: 'string' } },
  },
};
const list = (items: Record<string, unknown>, minItems = 0) => ({
  type: 'object',
  required: ['value'],
  properties: { '@odata.context': { type: 'string' }, value: { type: 'array', minItems, items } },
});

export const microsoftDefenderEndpoint: ConnectorDefinition = {
  formatVersion: 1,
  id: 'microsoft-defender-endpoint',
  name: 'Microsoft Defender for Endpoint',
  vendor: 'Microsoft',
  version: '1.0.0',
  description:
    'Isolates machines from the network, releases them and reads machine details (Defender for Endpoint API).',
  baseUrl: 'https://{{ apiHost }}',
  auth: {
    type: 'oauth2_client_credentials',
    tokenUrl: MICROSOFT_TOKEN_URL,
    scopes: ['https://api.securitycenter.microsoft.com/.default'],
    clientAuth: 'client_secret_post',
  },
  settings: {
    type: 'object',
    properties: {
      tenant,
      apiHost: {
        type: 'string',
        title: 'API host',
        description: 'The global host, or the one of your data location (US, EU, UK, AU).',
        enum: [...DEFENDER_API_HOSTS],
        default: 'api.securitycenter.microsoft.com',
      },
    },
    required: ['tenant', 'apiHost'],
    additionalProperties: false,
  },
  // Machine actions: 100 calls a minute and 1,500 an hour per tenant.
  rateLimit: { requests: 100, per: '1m' },
  retryableStatuses: [429, 502, 503, 504],
  healthAction: { action: 'test_connection', params: {} },
  actions: {
    isolate_machine: containment(
      'isolate',
      {
        title: 'Isolate a machine',
        description:
          'Cuts the machine with this DNS name off the network; Full keeps only the Defender service connection, Selective also keeps Outlook, Teams and Skype. Needs Machine.Isolate.',
      },
      {
        isolationType: {
          type: 'string',
          title: 'Isolation type',
          description: 'Full: only Defender keeps its connection. Selective: Outlook, Teams and Skype too.',
          enum: ['Full', 'Selective'],
          default: 'Full',
        },
      },
      { Comment: '{{ comment }}', IsolationType: '{{ isolationType }}' },
      ACTION,
    ),
    release_machine: containment(
      'unisolate',
      {
        title: 'Release a machine from isolation',
        description: 'Gives the machine with this DNS name its network back. Needs Machine.Isolate.',
      },
      {},
      { Comment: '{{ comment }}' },
      {
        ...ACTION,
        id: '7c2f5e0a-3b14-4d7e-9a61-0f8e2d4c6b13',
        type: 'Unisolate',
        scope: null,
        requestorComment: 'Released after triage: false positive',
      },
    ),
    get_machine_action: {
      title: 'Get a machine action',
      description:
        'The state of an isolate or release request by the id it returned: Pending until the sensor acts, then Succeeded, Failed or TimeOut.',
      effect: 'read',
      method: 'GET',
      path: '/api/machineactions/{{ action_id }}',
      params: {
        type: 'object',
        properties: {
          action_id: {
            type: 'string',
            title: 'Action id',
            description: 'The id an isolate or release step returned.',
            pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$',
          },
        },
        required: ['action_id'],
        additionalProperties: false,
      },
      response: machineAction,
      idempotency: 'none',
      example: { ...ACTION, status: 'Succeeded', lastUpdateDateTimeUtc: '2026-12-05T22:01:12.8830541Z' },
    },
    get_machine: {
      title: 'Get a machine',
      description: 'The machine with this DNS name: its id, OS, health, risk score, exposure, last seen and addresses.',
      effect: 'read',
      method: 'GET',
      path: "/api/machines?$filter=computerDnsName eq '{{ hostname }}'",
      params: { type: 'object', properties: { hostname }, required: ['hostname'], additionalProperties: false },
      response: list(machine),
      idempotency: 'none',
      example: {
        '@odata.context': 'https://api.securitycenter.microsoft.com/api/$metadata#Machines',
        value: [
          {
            id: MACHINE_ID,
            computerDnsName: 'ws-fin-0042.contoso.com',
            osPlatform: 'Windows11',
            osVersion: null,
            healthStatus: 'Active',
            riskScore: 'High',
            exposureLevel: 'Medium',
            onboardingStatus: 'Onboarded',
            lastSeen: '2026-12-05T21:28:44.0921237Z',
            lastIpAddress: '10.20.4.42',
            lastExternalIpAddress: '198.51.100.23',
            machineTags: ['Finance'],
          },
        ],
      },
    },
    test_connection: {
      title: 'Test the connection',
      description:
        "Lists one machine's id: fails when the tenant, client id or secret is wrong or the app lacks Machine.Read.All.",
      effect: 'read',
      method: 'GET',
      path: '/api/machines?$top=1&$select=id',
      params: { type: 'object', properties: {}, additionalProperties: false },
      response: list({ type: 'object', required: ['id'], properties: { id: { type: 'string' } } }),
      idempotency: 'none',
      example: {
        '@odata.context': 'https://api.securitycenter.microsoft.com/api/$metadata#Machines(id)',
        value: [{ id: MACHINE_ID }],
      },
    },
  },
};
