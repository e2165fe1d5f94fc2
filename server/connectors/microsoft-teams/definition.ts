/**
 * Microsoft Teams channel webhooks: the Office 365 "Incoming Webhook" connector
 * (https://learn.microsoft.com/microsoftteams/platform/webhooks-and-connectors/how-to/add-incoming-webhook,
 * URLs `https://<tenant>.webhook.office.com/webhookb2/…`) and its successor, the Power Automate
 * "Workflows" webhook ("Post to a channel when a webhook request is received", URLs on
 * `*.logic.azure.com` or `*.environment.api.powerplatform.com`). The credential is the webhook
 * URL itself, a secret like Slack's; its host is a setting, so the URL must lie under it. Both
 * take `{ type: 'message', attachments: [<Adaptive Card>] }`; the legacy connector also takes a
 * MessageCard. The legacy connector answers 200 with the text `1`, Workflows 202 with an empty
 * body (the flow then runs on its own). Errors are plain text: 400 `Summary or Text is
 * required.` / `Bad payload received by generic incoming webhook.`; throttling is 429 `…HTTP
 * error 429…` without Retry-After (so the client backs off); an oversized card is the legacy
 * connector's 200 `Webhook message delivery failed with error: …413…`, which the response
 * schema refuses. There is no idempotency key and nothing to read, so no health action.
 * A Workflows URL signs its query (`?api-version=…&sp=…&sv=1.0&sig=…`): it is sent as it is, and
 * its `sig` is scrubbed like the rest of the URL.
 */
import type { ConnectorAction, ConnectorDefinition } from '@autonomic/workflow';

const ADAPTIVE = 'application/vnd.microsoft.card.adaptive';
const SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json';

/** Teams renders Adaptive Cards up to 1.5 (1.4 on mobile clients of older tenants). */
const card = {
  type: 'object',
  title: 'Adaptive Card',
  description: 'An Adaptive Card (adaptivecards.io/designer): type AdaptiveCard, a version and its body elements.',
  required: ['type', 'version', 'body'],
  properties: {
    type: { const: 'AdaptiveCard' },
    version: { enum: ['1.0', '1.1', '1.2', '1.3', '1.4', '1.5'] },
    body: {
      type: 'array',
      minItems: 1,
      items: { type: 'object', required: ['type'], properties: { type: { type: 'string' } } },
    },
    actions: { type: 'array', items: { type: 'object', required: ['type'], properties: { type: { type: 'string' } } } },
  },
};

/** The message both webhooks take: one Adaptive Card attachment. */
const message = (content: NonNullable<ConnectorAction['body']>) => ({
  type: 'message',
  attachments: [{ contentType: ADAPTIVE, contentUrl: null, content }],
});

const post = (
  text: Pick<ConnectorAction, 'title' | 'description' | 'body'>,
  properties: Record<string, Record<string, unknown>>,
  required: string[],
  extra: Record<string, unknown> = {},
): ConnectorAction => ({
  ...text,
  effect: 'write',
  method: 'POST',
  // The webhook URL is the whole address.
  path: '/',
  params: { type: 'object', properties, required, additionalProperties: false, ...extra },
  responseType: 'text',
  // `1` from the legacy connector, nothing (202) from Workflows.
  response: { type: 'string', enum: ['1', ''] },
  idempotency: 'none',
  example: '1',
});

export const microsoftTeams: ConnectorDefinition = {
  formatVersion: 1,
  id: 'microsoft-teams',
  name: 'Microsoft Teams webhook',
  vendor: 'Microsoft',
  version: '1.0.0',
  description:
    "Posts messages and Adaptive Cards to a Teams channel through its webhook (the credential is the webhook's URL).",
  baseUrl: 'https://{{ host }}',
  auth: { type: 'webhook_url' },
  settings: {
    type: 'object',
    properties: {
      host: {
        type: 'string',
        title: 'Webhook host',
        description:
          'The host of the webhook URL: <tenant>.webhook.office.com for an Incoming Webhook, prod-NN.<region>.logic.azure.com or <env>.environment.api.powerplatform.com for a Workflows webhook.',
        pattern:
          '^(?:[a-z0-9-]{1,63}\\.webhook\\.office\\.com|outlook\\.office\\.com|prod-[0-9]{1,3}\\.[a-z0-9]{2,40}\\.logic\\.azure\\.com|[a-z0-9]{1,63}\\.[0-9a-z]{1,8}\\.environment\\.api\\.powerplatform\\.com)$',
      },
    },
    required: ['host'],
    additionalProperties: false,
  },
  // Four messages a second per webhook; more are throttled.
  rateLimit: { requests: 4, per: '1s' },
  retryableStatuses: [429, 500, 502, 503, 504],
  actions: {
    send_message: post(
      {
        title: 'Send a message',
        description: 'Posts a bold title and a text (Teams Markdown), as a one-card message both webhook kinds take.',
        body: message({
          type: 'AdaptiveCard',
          $schema: SCHEMA,
          version: '1.4',
          body: [
            { type: 'TextBlock', text: '{{ title }}', weight: 'Bolder', size: 'Medium', wrap: true },
            { type: 'TextBlock', text: '{{ text }}', wrap: true },
          ],
        }),
      },
      {
        title: {
          type: 'string',
          title: 'Title',
          description: 'Shown in bold above the text.',
          minLength: 1,
          maxLength: 200,
        },
        text: {
          type: 'string',
          title: 'Text',
          description: 'The message; **bold**, _italic_, lists and [links](https://…) render.',
          minLength: 1,
          maxLength: 20_000,
        },
      },
      ['title', 'text'],
    ),
    send_adaptive_card: post(
      {
        title: 'Send an Adaptive Card',
        description: 'Posts an Adaptive Card you designed (facts, images, Action.OpenUrl buttons).',
        body: message('{{ card }}'),
      },
      { card },
      ['card'],
    ),
    send_message_card: post(
      {
        title: 'Send a MessageCard (legacy connector)',
        description:
          'Posts a legacy MessageCard (title, text, colour, fact sections, link buttons). Only the Incoming Webhook connector renders it; a Workflows webhook accepts it and its flow then fails.',
        body: {
          '@type': 'MessageCard',
          '@context': 'https://schema.org/extensions',
          summary: '{{ summary }}',
          title: '{{ title }}',
          text: '{{ text }}',
          themeColor: '{{ themeColor }}',
          sections: '{{ sections }}',
          potentialAction: '{{ potentialAction }}',
        },
      },
      {
        summary: {
          type: 'string',
          title: 'Summary',
          description: 'The notification text; Teams needs a summary or a text.',
          minLength: 1,
          maxLength: 500,
        },
        title: { type: 'string', title: 'Title', minLength: 1, maxLength: 200 },
        text: { type: 'string', title: 'Text', description: 'Markdown.', minLength: 1, maxLength: 20_000 },
        themeColor: {
          type: 'string',
          title: 'Colour',
          description: 'The accent colour as hex: D70000 for critical.',
          pattern: '^[0-9A-Fa-f]{6}$',
        },
        sections: {
          type: 'array',
          title: 'Sections',
          description: 'Sections with activityTitle, text and facts ([{ name, value }]).',
          maxItems: 10,
          items: { type: 'object' },
        },
        potentialAction: {
          type: 'array',
          title: 'Buttons',
          description: 'OpenUri actions: { "@type": "OpenUri", name, targets: [{ os: "default", uri }] }.',
          maxItems: 4,
          items: {
            type: 'object',
            required: ['@type', 'name'],
            properties: { '@type': { const: 'OpenUri' }, name: { type: 'string' } },
          },
        },
      },
      [],
      // Teams refuses a card with neither.
      { anyOf: [{ required: ['summary'] }, { required: ['text'] }] },
    ),
  },
};
