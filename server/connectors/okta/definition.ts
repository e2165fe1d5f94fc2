/**
 * Okta Management API v1, Users and User Lifecycle
 * (https://developer.okta.com/docs/api/openapi/okta-management/management/tag/User/ and
 * …/tag/UserLifecycle/, …/tag/UserSessions/, …/tag/UserFactor/): suspend a user
 * (`POST /api/v1/users/{id}/lifecycle/suspend`), unsuspend, clear their sessions
 * (`DELETE /api/v1/users/{id}/sessions`, optionally revoking OAuth tokens), reset their MFA
 * factors (`POST …/lifecycle/reset_factors`) and read them (`GET /api/v1/users/{id}`). A
 * user is named by id (`00u…`) or login. Auth: an API token in `Authorization: SSWS <token>`;
 * the org's domain (acme.okta.com, or a custom domain) is a credential setting. Errors are
 * `{ errorCode, errorSummary, errorLink, errorId, errorCauses }`: E0000011 (401, invalid
 * token), E0000006 (403, the admin lacks the right), E0000007 (404), E0000001 (400, API
 * validation: suspending a user who is not ACTIVE, unsuspending one who is not SUSPENDED —
 * the change is already in place, so those answers are `done`). Over a rate limit Okta
 * answers 429 E0000047 with `X-Rate-Limit-Reset`, the Unix time in seconds the window resets
 * at (https://developer.okta.com/docs/reference/rl-best-practices/). Okta has no idempotency
 * header.
 */
import type { ConnectorAction, ConnectorDefinition } from '@autonomic/workflow';

const domain = {
  type: 'string',
  title: 'Okta domain',
  description: "Your Okta org's domain without https://, such as acme.okta.com (or your custom domain).",
  pattern: '^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$',
};

/** An id or a login; a login with `/` must be given by id (Okta's own rule), so none holds one. */
const LOGIN = "[A-Za-z0-9._%+!#$&'*=^`{|}~@-]{1,100}";
const user = (self: boolean) => ({
  type: 'string',
  title: 'User',
  description: self
    ? "The user's Okta id (00u…) or login (usually their e-mail), or me for the API token's own admin."
    : "The user's Okta id (00u…) or login (usually their e-mail address).",
  pattern: `^${LOGIN}$`,
  // `me` is the token's own admin: a playbook must not suspend or reset the account it runs as.
  ...(self ? {} : { not: { const: 'me' } }),
});
const params = (extra: Record<string, Record<string, unknown>> = {}): ConnectorAction['params'] => ({
  type: 'object',
  properties: { user: user(false), ...extra },
  required: ['user'],
  additionalProperties: false,
});

/** A lifecycle operation answers 200 `{}`; the `done` E0000001 answer is Okta's error body. */
const lifecycleResponse = {
  type: 'object',
  properties: {
    errorCode: { type: 'string' },
    errorSummary: { type: 'string' },
    errorId: { type: 'string' },
    errorCauses: { type: 'array', items: { type: 'object' } },
  },
};
const alreadySo = [{ status: 400, field: 'errorCode', equals: 'E0000001' }];

const lifecycle = (
  operation: 'suspend' | 'unsuspend' | 'reset_factors',
  text: Pick<ConnectorAction, 'title' | 'description' | 'effect'>,
  done: boolean,
): ConnectorAction => ({
  ...text,
  method: 'POST',
  path: `/api/v1/users/{{ user }}/lifecycle/${operation}`,
  params: params(),
  response: lifecycleResponse,
  target: { param: 'user', kind: 'user' },
  idempotency: 'none',
  example: {},
  ...(done ? { done: alreadySo } : {}),
});

const nullableString = { type: ['string', 'null'] };
export const USER_STATUSES = [
  'STAGED',
  'PROVISIONED',
  'ACTIVE',
  'RECOVERY',
  'PASSWORD_EXPIRED',
  'LOCKED_OUT',
  'SUSPENDED',
  'DEPROVISIONED',
] as const;

export const okta: ConnectorDefinition = {
  formatVersion: 1,
  id: 'okta',
  name: 'Okta',
  vendor: 'Okta',
  version: '1.0.0',
  description:
    'Suspends and unsuspends Okta users, clears their sessions, resets their MFA factors and reads them (Management API v1).',
  baseUrl: 'https://{{ domain }}',
  auth: { type: 'api_key', in: 'header', name: 'Authorization', prefix: 'SSWS ' },
  settings: { type: 'object', properties: { domain }, required: ['domain'], additionalProperties: false },
  retryableStatuses: [429, 502, 503, 504],
  retryAfter: { header: 'X-Rate-Limit-Reset', form: 'epoch_seconds' },
  // `me`: the admin the API token belongs to, which any valid token may read.
  healthAction: { action: 'get_user', params: { user: 'me' } },
  actions: {
    suspend_user: lifecycle(
      'suspend',
      {
        title: 'Suspend a user',
        description:
          'Suspends an ACTIVE user: they cannot sign in until unsuspended, and keep their apps and group memberships. A user who is not active (already suspended) is left as is.',
        effect: 'destructive',
      },
      true,
    ),
    unsuspend_user: lifecycle(
      'unsuspend',
      {
        title: 'Unsuspend a user',
        description:
          'Returns a SUSPENDED user to ACTIVE: the undo of suspending. A user who is not suspended is left as is.',
        effect: 'write',
      },
      true,
    ),
    clear_sessions: {
      title: 'Clear user sessions',
      description:
        "Ends all of the user's Okta sessions, so every app asks them to sign in again; optionally also revokes the OAuth access and refresh tokens Okta issued to them.",
      effect: 'destructive',
      method: 'DELETE',
      path: '/api/v1/users/{{ user }}/sessions',
      query: { oauthTokens: '{{ oauthTokens }}' },
      params: params({
        oauthTokens: {
          type: 'boolean',
          title: 'Also revoke OAuth tokens',
          description: 'Revoke the access and refresh tokens issued to the user as well.',
          default: true,
        },
      }),
      // 204 No Content.
      response: { type: 'null' },
      target: { param: 'user', kind: 'user' },
      idempotency: 'none',
      example: null,
    },
    reset_factors: lifecycle(
      'reset_factors',
      {
        title: 'Reset MFA factors',
        description:
          "Removes every MFA factor the user enrolled (an attacker's phone included); they must enrol again at their next sign-in.",
        effect: 'destructive',
      },
      false,
    ),
    get_user: {
      title: 'Get a user',
      description: "The user's status (ACTIVE, SUSPENDED…), profile (name, login, e-mail) and last sign-in.",
      effect: 'read',
      method: 'GET',
      path: '/api/v1/users/{{ user }}',
      params: { type: 'object', properties: { user: user(true) }, required: ['user'], additionalProperties: false },
      response: {
        type: 'object',
        required: ['id', 'status', 'profile'],
        properties: {
          id: { type: 'string' },
          status: { enum: [...USER_STATUSES] },
          created: { type: 'string' },
          activated: nullableString,
          statusChanged: nullableString,
          lastLogin: nullableString,
          lastUpdated: { type: 'string' },
          passwordChanged: nullableString,
          type: { type: 'object', properties: { id: { type: 'string' } } },
          profile: {
            type: 'object',
            required: ['login'],
            properties: {
              login: { type: 'string' },
              email: { type: 'string' },
              firstName: nullableString,
              lastName: nullableString,
              mobilePhone: nullableString,
              secondEmail: nullableString,
            },
          },
          _links: { type: 'object' },
        },
      },
      target: { param: 'user', kind: 'user' },
      idempotency: 'none',
      example: {
        id: '00ub0oNGTSWTBKOLGLNR',
        status: 'SUSPENDED',
        created: '2024-03-18T09:12:01.000Z',
        activated: '2024-03-18T09:12:02.000Z',
        statusChanged: '2026-12-05T21:31:00.000Z',
        lastLogin: '2026-12-05T20:58:44.000Z',
        lastUpdated: '2026-12-05T21:31:00.000Z',
        passwordChanged: '2026-09-02T07:40:11.000Z',
        type: { id: 'otyfnjfba4ye7pgjB0g4' },
        profile: {
          firstName: 'Isaac',
          lastName: 'Brock',
          mobilePhone: null,
          secondEmail: null,
          login: 'isaac.brock@example.com',
          email: 'isaac.brock@example.com',
        },
        _links: {
          self: { href: 'https://acme.okta.com/api/v1/users/00ub0oNGTSWTBKOLGLNR' },
          unsuspend: {
            href: 'https://acme.okta.com/api/v1/users/00ub0oNGTSWTBKOLGLNR/lifecycle/unsuspend',
            method: 'POST',
          },
        },
      },
    },
  },
};
