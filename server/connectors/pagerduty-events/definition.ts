/**
 * PagerDuty Events API v2 (https://developer.pagerduty.com/docs/events-api-v2/overview):
 * trigger an alert on a service, acknowledge it, resolve it, by its `dedup_key`. Auth: the
 * service integration's 32-character routing key, sent as the `routing_key` field of the JSON
 * body (no header). PagerDuty answers 202 `{ status: 'success', message: 'Event processed',
 * dedup_key }`; a bad event (or an unknown routing key: there is no 401 here) is 400
 * `{ status: 'invalid event', message, errors: [...] }`; over 120 events a minute per routing
 * key it answers 429 with no Retry-After, so the client backs off. The dedup_key is the
 * vendor's own idempotency: triggering twice with one key updates one alert, and
 * acknowledging or resolving twice is accepted again. The Events API has nothing to read, so
 * there is no health action.
 */
import type { ConnectorAction, ConnectorDefinition } from '@autonomic/workflow';

const dedupKey = {
  type: 'string',
  title: 'Dedup key',
  description: 'Identifies the alert: the one trigger returned, or your own (a case id) so later events find it.',
  minLength: 1,
  maxLength: 255,
};

const accepted = {
  type: 'object',
  required: ['status', 'message', 'dedup_key'],
  properties: {
    status: { const: 'success' },
    message: { type: 'string' },
    dedup_key: { type: 'string' },
  },
};
const ACCEPTED = { status: 'success', message: 'Event processed', dedup_key: 'autonomic-case-4211' };

/** Acknowledge or resolve: the event action and the alert's dedup key, nothing else. */
const follow = (
  action: 'acknowledge' | 'resolve',
  text: Pick<ConnectorAction, 'title' | 'description'>,
): ConnectorAction => ({
  ...text,
  effect: 'write',
  method: 'POST',
  path: '/v2/enqueue',
  body: { event_action: action, dedup_key: '{{ dedup_key }}' },
  params: { type: 'object', properties: { dedup_key: dedupKey }, required: ['dedup_key'], additionalProperties: false },
  response: accepted,
  idempotency: 'none',
  example: ACCEPTED,
});

export const pagerdutyEvents: ConnectorDefinition = {
  formatVersion: 1,
  id: 'pagerduty-events',
  name: 'PagerDuty Events',
  vendor: 'PagerDuty',
  version: '1.0.0',
  description:
    "Triggers, acknowledges and resolves alerts on a PagerDuty service (Events API v2, the integration's routing key).",
  baseUrl: 'https://events.pagerduty.com',
  auth: { type: 'api_key', in: 'body', name: 'routing_key' },
  rateLimit: { requests: 120, per: '1m' },
  retryableStatuses: [429, 500, 502, 503, 504],
  actions: {
    trigger_alert: {
      title: 'Trigger an alert',
      description:
        "Opens an alert on the routing key's service (an incident, by its rules), or updates the open one with the same dedup key; the dedup key comes back for acknowledge and resolve.",
      effect: 'write',
      method: 'POST',
      path: '/v2/enqueue',
      body: {
        event_action: 'trigger',
        dedup_key: '{{ dedup_key }}',
        payload: {
          summary: '{{ summary }}',
          source: '{{ source }}',
          severity: '{{ severity }}',
          component: '{{ component }}',
          group: '{{ group }}',
          class: '{{ class }}',
          custom_details: '{{ custom_details }}',
        },
        client: 'Autonomic',
        client_url: '{{ client_url }}',
      },
      params: {
        type: 'object',
        properties: {
          summary: {
            type: 'string',
            title: 'Summary',
            description: 'What happened, as the alert and incident title: "Ransomware on ws-fin-0042".',
            minLength: 1,
            maxLength: 1_024,
          },
          source: {
            type: 'string',
            title: 'Source',
            description: 'Where it happened: the affected host, service or address.',
            minLength: 1,
            maxLength: 255,
          },
          severity: {
            type: 'string',
            title: 'Severity',
            description: "How bad: critical, error, warning or info (the service's urgency rules may use it).",
            enum: ['critical', 'error', 'warning', 'info'],
          },
          dedup_key: dedupKey,
          component: {
            type: 'string',
            title: 'Component',
            description: 'The part of the source: "smb".',
            maxLength: 255,
          },
          group: {
            type: 'string',
            title: 'Group',
            description: 'A logical grouping: "finance-workstations".',
            maxLength: 255,
          },
          class: { type: 'string', title: 'Class', description: 'The kind of event: "ransomware".', maxLength: 255 },
          custom_details: {
            type: 'object',
            title: 'Details',
            description: 'Free-form fields shown on the alert (alert id, user, hashes).',
          },
          client_url: {
            type: 'string',
            title: 'Link',
            description: 'A link back to the case or run, shown as "View in Autonomic".',
            format: 'uri',
            pattern: '^https?://',
          },
        },
        required: ['summary', 'source', 'severity'],
        additionalProperties: false,
      },
      response: accepted,
      idempotency: 'none',
      example: ACCEPTED,
    },
    acknowledge_alert: follow('acknowledge', {
      title: 'Acknowledge an alert',
      description: 'Marks the alert with this dedup key as being worked on, which stops its escalation.',
    }),
    resolve_alert: follow('resolve', {
      title: 'Resolve an alert',
      description: 'Resolves the alert with this dedup key (and its incident when it is the last open alert).',
    }),
  },
};
