/**
 * Opsgenie Alert API v2 (https://docs.opsgenie.com/docs/alert-api): create an alert
 * (`POST /v2/alerts`), close it (`POST /v2/alerts/{identifier}/close?identifierType=alias|id|tiny`),
 * follow an asynchronous request (`GET /v2/alerts/requests/{requestId}`) and list alerts
 * (`GET /v2/alerts`, also the health action). Create and close are processed asynchronously:
 * Opsgenie answers 202 `{ result: 'Request will be processed', took, requestId }`. Alerts are
 * deduplicated by alias (an open alert with the same alias counts the repeat instead of a new
 * alert), which makes creating idempotent without a header. Auth: an API key (an API
 * integration's, with Read and Create and Update rights) as `Authorization: GenieKey <key>`;
 * the region (US api.opsgenie.com or EU api.eu.opsgenie.com) is a credential setting. Errors
 * are `{ message, took, requestId }` (422 adds `errors`): 401 Could not authenticate, 403, 404
 * alert does not exist, 422 validation. Throttled requests answer 429 with
 * `X-RateLimit-State: THROTTLED` and `X-RateLimit-Period-In-Sec` (the window: 1 or 60), and no
 * Retry-After (https://docs.opsgenie.com/docs/api-rate-limiting); the client waits one window.
 */
import type { ConnectorDefinition } from '@autonomic/workflow';

export const OPSGENIE_REGIONS = ['api.opsgenie.com', 'api.eu.opsgenie.com'] as const;

/** Every asynchronous request is acknowledged the same way. */
const accepted = {
  type: 'object',
  required: ['result', 'requestId'],
  properties: { result: { type: 'string' }, took: { type: 'number' }, requestId: { type: 'string' } },
};
const acceptedExample = (requestId: string) => ({ result: 'Request will be processed', took: 0.107, requestId });

const identifierType = {
  type: 'string',
  title: 'Identifier type',
  description: 'What the identifier is: the alias given at creation, the alert id, or its tiny id (#1234).',
  enum: ['alias', 'id', 'tiny'],
  default: 'alias',
};
const source = { type: 'string', title: 'Source', maxLength: 100, default: 'Autonomic' };
const text = (title: string, maxLength: number, description?: string) => ({
  type: 'string',
  title,
  ...(description ? { description } : {}),
  minLength: 1,
  maxLength,
});

const alert = {
  type: 'object',
  required: ['id', 'tinyId', 'message', 'status'],
  properties: {
    id: { type: 'string' },
    tinyId: { type: 'string' },
    alias: { type: 'string' },
    message: { type: 'string' },
    status: { enum: ['open', 'closed'] },
    acknowledged: { type: 'boolean' },
    isSeen: { type: 'boolean' },
    tags: { type: 'array', items: { type: 'string' } },
    snoozed: { type: 'boolean' },
    count: { type: 'integer' },
    lastOccurredAt: { type: 'string' },
    createdAt: { type: 'string' },
    updatedAt: { type: 'string' },
    source: { type: 'string' },
    owner: { type: 'string' },
    priority: { enum: ['P1', 'P2', 'P3', 'P4', 'P5'] },
  },
};

export const opsgenie: ConnectorDefinition = {
  formatVersion: 1,
  id: 'opsgenie',
  name: 'Opsgenie',
  vendor: 'Atlassian',
  version: '1.0.0',
  description: 'Creates and closes Opsgenie alerts to page on-call responders, and lists alerts (Alert API v2).',
  baseUrl: 'https://{{ region }}',
  auth: { type: 'api_key', in: 'header', name: 'Authorization', prefix: 'GenieKey ' },
  settings: {
    type: 'object',
    properties: {
      region: {
        type: 'string',
        title: 'Region',
        description: 'The API host of your Opsgenie account: api.opsgenie.com (US) or api.eu.opsgenie.com (EU).',
        enum: [...OPSGENIE_REGIONS],
        default: 'api.opsgenie.com',
      },
    },
    required: ['region'],
    additionalProperties: false,
  },
  retryableStatuses: [429, 502, 503, 504],
  retryAfter: { header: 'X-RateLimit-Period-In-Sec', form: 'seconds_or_date' },
  healthAction: { action: 'list_alerts', params: { limit: 1 } },
  actions: {
    create_alert: {
      title: 'Create an alert',
      description:
        'Opens an alert that pages the responders of its routing rules. An open alert with the same alias is not duplicated: its count goes up.',
      effect: 'write',
      method: 'POST',
      path: '/v2/alerts',
      body: {
        message: '{{ message }}',
        alias: '{{ alias }}',
        description: '{{ description }}',
        priority: '{{ priority }}',
        tags: '{{ tags }}',
        details: '{{ details }}',
        entity: '{{ entity }}',
        source: '{{ source }}',
      },
      params: {
        type: 'object',
        properties: {
          message: text('Message', 130, 'The alert title responders see first.'),
          alias: text(
            'Alias',
            512,
            'Your key for the alert (such as the incident id): repeats are deduplicated by it, and it closes the alert.',
          ),
          description: text('Description', 15_000),
          priority: {
            type: 'string',
            title: 'Priority',
            description: 'P1 (critical) to P5 (informational).',
            enum: ['P1', 'P2', 'P3', 'P4', 'P5'],
            default: 'P3',
          },
          tags: {
            type: 'array',
            title: 'Tags',
            items: { type: 'string', minLength: 1, maxLength: 50 },
            maxItems: 20,
          },
          details: {
            type: 'object',
            title: 'Details',
            description: 'Extra key/value fields shown on the alert, such as {"host": "WS-FIN-0042"}.',
            additionalProperties: { type: 'string', maxLength: 8_000 },
          },
          entity: text('Entity', 512, 'What the alert is about, such as a host or a user.'),
          source,
        },
        required: ['message'],
        additionalProperties: false,
      },
      response: accepted,
      idempotency: 'none',
      example: acceptedExample('43a29c5c-3dbf-4fa4-9c26-f4f71023e120'),
    },
    close_alert: {
      title: 'Close an alert',
      description: 'Closes an alert by alias, id or tiny id, with a note; closing a closed alert changes nothing.',
      effect: 'write',
      method: 'POST',
      path: '/v2/alerts/{{ identifier }}/close',
      query: { identifierType: '{{ identifierType }}' },
      body: { note: '{{ note }}', source: '{{ source }}' },
      params: {
        type: 'object',
        properties: {
          identifier: text('Alert', 512, 'The alias (or id, or tiny id) of the alert.'),
          identifierType,
          note: text('Note', 25_000),
          source,
        },
        required: ['identifier', 'identifierType'],
        additionalProperties: false,
      },
      response: accepted,
      idempotency: 'none',
      example: acceptedExample('8ab3c2f2-4f41-4a73-8a2e-2e2f1c7d9f10'),
    },
    get_request_status: {
      title: 'Get a request status',
      description:
        'Whether an asynchronous create or close request succeeded, and the alert it made or changed (its id and alias).',
      effect: 'read',
      method: 'GET',
      path: '/v2/alerts/requests/{{ requestId }}',
      params: {
        type: 'object',
        properties: {
          requestId: {
            type: 'string',
            title: 'Request id',
            description: 'The requestId a create or close answered.',
            pattern: '^[0-9a-fA-F-]{36}$',
          },
        },
        required: ['requestId'],
        additionalProperties: false,
      },
      response: {
        type: 'object',
        required: ['data'],
        properties: {
          data: {
            type: 'object',
            required: ['success', 'action', 'status'],
            properties: {
              success: { type: 'boolean' },
              action: { type: 'string' },
              processedAt: { type: 'string' },
              integrationId: { type: 'string' },
              isSuccess: { type: 'boolean' },
              status: { type: 'string' },
              alertId: { type: 'string' },
              alias: { type: 'string' },
            },
          },
          took: { type: 'number' },
          requestId: { type: 'string' },
        },
      },
      idempotency: 'none',
      example: {
        data: {
          success: true,
          action: 'Create',
          processedAt: '2026-12-05T21:30:01.382Z',
          integrationId: 'c9cec2cb-e782-4ebb-bc1d-1b2fa703cf03',
          isSuccess: true,
          status: 'Created alert',
          alertId: '8743a1f4-8a2f-4f3e-bd1e-3f5c1bb4a5f3-1733434201382',
          alias: 'autonomic-run-7',
        },
        took: 0.022,
        requestId: 'ec7e1d8e-1b8e-4c5f-8a8a-6b0c2b5f8e21',
      },
    },
    list_alerts: {
      title: 'List alerts',
      description: 'Alerts matching an Opsgenie search query (such as status:open AND tag:phishing), newest first.',
      effect: 'read',
      method: 'GET',
      path: '/v2/alerts',
      query: { query: '{{ query }}', limit: '{{ limit }}', sort: 'createdAt', order: 'desc' },
      params: {
        type: 'object',
        properties: {
          query: {
            type: 'string',
            title: 'Search query',
            description: 'Opsgenie alert search syntax; all alerts when absent.',
            maxLength: 1_000,
          },
          limit: { type: 'integer', title: 'At most this many alerts', minimum: 1, maximum: 100, default: 20 },
        },
        additionalProperties: false,
      },
      response: {
        type: 'object',
        required: ['data'],
        properties: {
          data: { type: 'array', items: alert },
          paging: { type: 'object' },
          took: { type: 'number' },
          requestId: { type: 'string' },
        },
      },
      idempotency: 'none',
      example: {
        data: [
          {
            id: '8743a1f4-8a2f-4f3e-bd1e-3f5c1bb4a5f3-1733434201382',
            tinyId: '1791',
            alias: 'autonomic-run-7',
            message: 'Phishing: credential harvesting from 203.0.113.66',
            status: 'open',
            acknowledged: false,
            isSeen: false,
            tags: ['phishing', 'soar'],
            snoozed: false,
            count: 1,
            lastOccurredAt: '2026-12-05T21:30:01.382Z',
            createdAt: '2026-12-05T21:30:01.382Z',
            updatedAt: '2026-12-05T21:30:01.520Z',
            source: 'Autonomic',
            owner: '',
            priority: 'P2',
          },
        ],
        paging: { first: 'https://api.opsgenie.com/v2/alerts?limit=1&sort=createdAt&offset=0&order=desc' },
        took: 0.041,
        requestId: '1c6b7a4e-0f7d-4f3c-9d0e-5e0b8c6d7f21',
      },
    },
  },
};
