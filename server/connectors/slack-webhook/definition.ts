/**
 * Slack incoming webhooks (https://api.slack.com/messaging/webhooks): post a message to the
 * one channel a webhook was made for. The credential is the webhook URL itself
 * (`https://hooks.slack.com/services/T…/B…/…`): whoever holds it can post, so it is a secret
 * and is scrubbed like one. Slack answers `ok` as plain text; errors are plain-text codes with
 * their status: 400 `invalid_payload` / `no_text`, 403 `invalid_token` / `action_prohibited`,
 * 404 `no_service` (webhook removed), 410 `channel_is_archived`, 429 with Retry-After.
 */
import type { ConnectorDefinition } from '@autonomic/workflow';

export const slackWebhook: ConnectorDefinition = {
  formatVersion: 1,
  id: 'slack-webhook',
  name: 'Slack incoming webhook',
  vendor: 'Slack',
  version: '1.0.0',
  description: "Posts messages to a Slack channel through an incoming webhook (the credential is the webhook's URL).",
  baseUrl: 'https://hooks.slack.com',
  auth: { type: 'webhook_url' },
  // Slack allows about one message per second per webhook, with short bursts.
  rateLimit: { requests: 1, per: '1s' },
  retryableStatuses: [429, 500, 502, 503, 504],
  actions: {
    send_message: {
      title: 'Send a message',
      description: "Posts a message (plain text, optionally Block Kit blocks) to the webhook's channel.",
      effect: 'write',
      method: 'POST',
      // The webhook URL is the whole address.
      path: '/',
      body: { text: '{{ text }}', blocks: '{{ blocks }}', thread_ts: '{{ thread_ts }}' },
      params: {
        type: 'object',
        properties: {
          text: {
            type: 'string',
            title: 'Text',
            description: 'The message, or its notification fallback when blocks are given (mrkdwn).',
            minLength: 1,
            maxLength: 40_000,
          },
          blocks: {
            type: 'array',
            title: 'Blocks',
            description: 'Block Kit layout blocks.',
            maxItems: 50,
            items: { type: 'object', required: ['type'], properties: { type: { type: 'string' } } },
          },
          thread_ts: {
            type: 'string',
            title: 'Thread',
            description: "The parent message's ts, to reply in its thread.",
            pattern: '^[0-9]+\\.[0-9]+$',
          },
        },
        required: ['text'],
        additionalProperties: false,
      },
      responseType: 'text',
      response: { type: 'string', const: 'ok' },
      idempotency: 'none',
      example: 'ok',
    },
  },
};
