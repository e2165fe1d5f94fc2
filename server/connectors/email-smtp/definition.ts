/**
 * E-mail through an SMTP relay (Microsoft 365, Google Workspace, Postfix): `send_email` with
 * to/cc/subject and a text and/or HTML body. The credential is `user:password` for SMTP AUTH;
 * the relay's host, port, security and the sender address are the credential's settings, so
 * a playbook cannot change where mail goes out or whom it claims to be from.
 */
import type { ConnectorDefinition } from '@autonomic/workflow';

const addresses = {
  title: 'Addresses',
  description: 'One address, or a list of them.',
  anyOf: [
    { type: 'string', format: 'email' },
    { type: 'array', items: { type: 'string', format: 'email' }, minItems: 1, maxItems: 100 },
  ],
};

export const emailSmtp: ConnectorDefinition = {
  formatVersion: 1,
  id: 'email-smtp',
  name: 'E-mail (SMTP)',
  vendor: 'SMTP',
  version: '1.0.0',
  description: 'Sends e-mail through an SMTP relay with SMTP AUTH (user:password).',
  baseUrl: 'smtp://{{ host }}:{{ port }}',
  transport: 'smtp',
  auth: { type: 'basic' },
  settings: {
    type: 'object',
    properties: {
      host: { type: 'string', title: 'SMTP host', pattern: '^[A-Za-z0-9.-]{1,253}$' },
      port: { type: 'string', title: 'Port', pattern: '^[0-9]{1,5}$', default: '587' },
      security: {
        type: 'string',
        title: 'Security',
        description: 'starttls (port 587), tls (implicit, port 465), or none (a trusted internal relay only).',
        enum: ['starttls', 'tls', 'none'],
        default: 'starttls',
      },
      from: { type: 'string', title: 'Sender', format: 'email' },
    },
    required: ['host', 'port', 'security', 'from'],
    additionalProperties: false,
  },
  // 421/450/451/452 are SMTP's "try again later"; the client retries them itself.
  retryableStatuses: [429, 502, 503, 504],
  actions: {
    send_email: {
      title: 'Send an e-mail',
      description: 'Sends a message from the configured sender to the given recipients.',
      effect: 'write',
      method: 'POST',
      path: '/',
      email: { to: '{{ to }}', cc: '{{ cc }}', subject: '{{ subject }}', text: '{{ text }}', html: '{{ html }}' },
      params: {
        type: 'object',
        properties: {
          to: addresses,
          cc: addresses,
          subject: { type: 'string', title: 'Subject', minLength: 1, maxLength: 998 },
          text: { type: 'string', title: 'Text body', maxLength: 1_000_000 },
          html: { type: 'string', title: 'HTML body', maxLength: 1_000_000 },
        },
        required: ['to', 'subject'],
        anyOf: [{ required: ['text'] }, { required: ['html'] }],
        additionalProperties: false,
      },
      response: {
        type: 'object',
        required: ['messageId', 'accepted', 'rejected', 'response'],
        properties: {
          messageId: { type: 'string' },
          accepted: { type: 'array', items: { type: 'string' } },
          rejected: { type: 'array', items: { type: 'string' } },
          response: { type: 'string' },
        },
      },
      idempotency: 'none',
      example: {
        messageId: '<4f1c2a9e-7d3b-4c55-9a1e-0b6f5d2c8e11@acme.example>',
        accepted: ['soc@acme.example'],
        rejected: [],
        response: '250 2.0.0 OK queued as 4XyZ1',
      },
    },
  },
};
