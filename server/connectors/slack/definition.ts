/**
 * Slack Web API (https://api.slack.com/web): post a message (with Block Kit blocks, in a
 * thread if asked) and check the token. Auth: a bot token (`xoxb-…`) as a bearer token.
 * Slack answers failures with HTTP 200 `{ ok: false, error: 'channel_not_found' }`, so
 * `errorWhen` says so; rate limits are HTTP 429 with Retry-After (chat.postMessage allows
 * about one message a second per channel).
 */
import type { ConnectorDefinition } from '@autonomic/workflow';

/** A Block Kit block: its `type` is all Slack requires of every block. */
const block = { type: 'object', required: ['type'], properties: { type: { type: 'string' } } };

const message = {
  type: 'object',
  required: ['type', 'ts'],
  properties: {
    type: { const: 'message' },
    subtype: { type: 'string' },
    text: { type: 'string' },
    user: { type: 'string' },
    bot_id: { type: 'string' },
    ts: { type: 'string' },
    thread_ts: { type: 'string' },
    blocks: { type: 'array', items: block },
  },
};

export const slack: ConnectorDefinition = {
  formatVersion: 1,
  id: 'slack',
  name: 'Slack',
  vendor: 'Slack Technologies (Salesforce)',
  version: '1.0.0',
  description: 'Post messages to Slack channels and threads with a bot token (Web API).',
  baseUrl: 'https://slack.com',
  auth: { type: 'bearer' },
  rateLimit: { requests: 1, per: '1s' },
  retryableStatuses: [429, 502, 503, 504],
  errorWhen: {
    field: 'ok',
    equals: false,
    codeField: 'error',
    authCodes: ['not_authed', 'invalid_auth', 'account_inactive', 'token_revoked', 'token_expired', 'missing_scope'],
  },
  healthAction: { action: 'auth_test', params: {} },
  actions: {
    chat_post_message: {
      title: 'Post a message',
      description:
        'Posts a message to a channel (its ID or #name) as the bot, in a thread when thread_ts is given; blocks make it rich, text is the notification and fallback.',
      effect: 'write',
      method: 'POST',
      path: '/api/chat.postMessage',
      body: { channel: '{{ channel }}', text: '{{ text }}', blocks: '{{ blocks }}', thread_ts: '{{ thread_ts }}' },
      params: {
        type: 'object',
        properties: {
          channel: {
            type: 'string',
            title: 'Channel',
            description: 'A channel ID (C024BE91L) or name (#soc-alerts) the bot is a member of.',
            minLength: 1,
            maxLength: 200,
          },
          text: {
            type: 'string',
            title: 'Text',
            description: 'The message, or the fallback shown in notifications when blocks are given.',
            minLength: 1,
            maxLength: 40_000,
          },
          blocks: {
            type: 'array',
            title: 'Blocks',
            description: 'Block Kit layout blocks.',
            items: block,
            maxItems: 50,
          },
          thread_ts: {
            type: 'string',
            title: 'Thread',
            description: 'The ts of the parent message, to reply in its thread.',
            pattern: '^[0-9]+\\.[0-9]+$',
          },
        },
        required: ['channel', 'text'],
        additionalProperties: false,
      },
      response: {
        type: 'object',
        required: ['ok', 'channel', 'ts', 'message'],
        properties: { ok: { const: true }, channel: { type: 'string' }, ts: { type: 'string' }, message },
      },
      idempotency: 'none',
      example: {
        ok: true,
        channel: 'C024BE91L',
        ts: '1733420000.000200',
        message: {
          type: 'message',
          subtype: 'bot_message',
          text: 'Blocked 203.0.113.66 (AbuseIPDB score 100)',
          bot_id: 'B0123ABCDEF',
          ts: '1733420000.000200',
          blocks: [{ type: 'section' }],
        },
      },
    },
    auth_test: {
      title: 'Check the token',
      description: 'Which workspace and user the token belongs to; fails when the token is wrong or revoked.',
      effect: 'read',
      method: 'POST',
      path: '/api/auth.test',
      params: { type: 'object', properties: {}, additionalProperties: false },
      response: {
        type: 'object',
        required: ['ok', 'url', 'team', 'user', 'team_id', 'user_id'],
        properties: {
          ok: { const: true },
          url: { type: 'string' },
          team: { type: 'string' },
          user: { type: 'string' },
          team_id: { type: 'string' },
          user_id: { type: 'string' },
          bot_id: { type: 'string' },
          is_enterprise_install: { type: 'boolean' },
        },
      },
      idempotency: 'none',
      example: {
        ok: true,
        url: 'https://acme-soc.slack.com/',
        team: 'ACME SOC',
        user: 'autonomic',
        team_id: 'T0123ABCDEF',
        user_id: 'U0123ABCDEF',
        bot_id: 'B0123ABCDEF',
        is_enterprise_install: false,
      },
    },
  },
};
