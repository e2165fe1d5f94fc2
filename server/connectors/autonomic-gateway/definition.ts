/**
 * Autonomic's own action gateway: the JSON webhook contract the retired `block-ip`,
 * `isolate-host`, `disable-user` and `notify` step types spoke, kept byte for byte so that
 * the receivers customers built for them keep working (format migration 1 → 2 turns those
 * steps into actions of this connector). Containment actions POST (or PUT, PATCH, DELETE)
 * `{ action, target, reason, duration?, runId, idempotencyKey }` with an `Idempotency-Key`
 * header to the credential's base URL + the step's `path`; `notify` posts
 * `{ text, to, subject?, message, runId }` to the webhook URL that is the credential.
 * Each credential picks its auth with the `auth` setting: bearer (the default), `header`
 * (the value in the header its `header` setting names), basic, `none`, or `webhook_url`.
 */
import type { ConnectorAction, ConnectorDefinition } from '@autonomic/workflow';

const METHODS = ['POST', 'PUT', 'PATCH', 'DELETE'];

const routeParams = {
  path: {
    type: 'string',
    title: 'Path',
    description: "The receiver's path and query, under the credential's base URL.",
    pattern: '^/',
    maxLength: 2_000,
  },
  method: { type: 'string', title: 'Method', enum: METHODS, default: 'POST' },
};

/** One containment action: the legacy body, the target under its legacy param name. */
function containment(
  legacyType: string,
  param: 'ip' | 'host' | 'user',
  title: string,
  description: string,
  extra: Record<string, unknown>,
): ConnectorAction {
  return {
    title,
    description: `${description} Destructive: refused on a protected asset, whatever the playbook says.`,
    effect: 'destructive',
    method: 'POST',
    path: '/',
    route: { path: 'path', method: 'method' },
    body: {
      action: legacyType,
      target: `{{ ${param} }}`,
      reason: '{{ reason }}',
      ...('duration' in extra ? { duration: '{{ duration }}' } : {}),
      runId: '{{ context.runId }}',
      idempotencyKey: '{{ context.idempotencyKey }}',
    },
    params: {
      type: 'object',
      properties: {
        [param]: {
          type: 'string',
          title: param === 'ip' ? 'IP address' : param === 'host' ? 'Host' : 'User',
          minLength: 1,
        },
        reason: { type: 'string', title: 'Reason', minLength: 1 },
        ...extra,
        ...routeParams,
      },
      required: [param, 'reason', 'path'],
      additionalProperties: false,
    },
    response: {},
    target: { param, kind: param },
    idempotency: 'Idempotency-Key',
    example: { accepted: true },
  };
}

export const autonomicGateway: ConnectorDefinition = {
  formatVersion: 1,
  id: 'autonomic-gateway',
  name: 'Action gateway (JSON webhook)',
  vendor: 'Autonomic',
  version: '1.0.0',
  description:
    'Sends containment actions and notifications to a receiver of your own, as one JSON body per action (the contract of the former block-ip, isolate-host, disable-user and notify steps). Set the base URL on the credential.',
  // Every credential sets its own base URL: there is no vendor address.
  baseUrl: 'https://gateway.invalid',
  auth: { type: 'bearer' },
  authChoice: {
    setting: 'auth',
    options: {
      bearer: { type: 'bearer' },
      header: { type: 'api_key', in: 'header', name: 'X-Api-Key', nameSetting: 'header' },
      basic: { type: 'basic' },
      none: { type: 'none' },
      webhook_url: { type: 'webhook_url' },
    },
  },
  settings: {
    type: 'object',
    properties: {
      auth: {
        type: 'string',
        title: 'Auth',
        description:
          'bearer: Authorization: Bearer <value>; header: the value in the header below; basic: the value is user:password; none: nothing is sent; webhook_url: the value is the URL to post to (notify).',
        enum: ['bearer', 'header', 'basic', 'none', 'webhook_url'],
        default: 'bearer',
      },
      header: {
        type: 'string',
        title: 'Header',
        description: 'For header auth: the header that carries the value.',
        pattern: '^[A-Za-z0-9-]{1,64}$',
      },
    },
    additionalProperties: false,
  },
  // The legacy steps had no retry of their own beyond the step's policy: retry only what is meant to be.
  retryableStatuses: [429, 502, 503, 504],
  actions: {
    block_ip: containment('block-ip', 'ip', 'Block IP', 'Blocks an IP address at the firewall.', {
      duration: { type: 'string', title: 'Duration', description: 'How long, such as 1h or 7d.' },
    }),
    isolate_host: containment(
      'isolate-host',
      'host',
      'Isolate host',
      'Isolates an endpoint from the network via the EDR.',
      {},
    ),
    disable_user: containment(
      'disable-user',
      'user',
      'Disable user',
      'Disables an account in the identity provider.',
      {},
    ),
    notify: {
      title: 'Notify',
      description: 'Posts a message to the chat, e-mail or ticket webhook that is the credential.',
      effect: 'write',
      method: 'POST',
      // The webhook URL is the whole address.
      path: '/',
      body: {
        text: '{{ text }}',
        to: '{{ to }}',
        subject: '{{ subject }}',
        message: '{{ message }}',
        runId: '{{ context.runId }}',
      },
      params: {
        type: 'object',
        properties: {
          text: {
            type: 'string',
            title: 'Text',
            description: 'The line a chat shows (the former notify step sent *subject* and the message).',
            minLength: 1,
          },
          to: { type: 'string', title: 'To', minLength: 1 },
          subject: { type: 'string', title: 'Subject' },
          message: { type: 'string', title: 'Message', minLength: 1 },
        },
        required: ['text', 'to', 'message'],
        additionalProperties: false,
      },
      response: {},
      idempotency: 'Idempotency-Key',
      example: { delivered: true },
    },
  },
};
