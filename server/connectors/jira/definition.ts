/**
 * Jira Cloud REST API v3 (https://developer.atlassian.com/cloud/jira/platform/rest/v3):
 * create an issue, comment on it, move it through its workflow, read it. Auth: basic
 * with `email:api_token`. The site is part of the host (`<site>.atlassian.net`): a setting
 * of the credential, filled into the base URL. Rich text is Atlassian Document Format (ADF); these actions build a
 * one-paragraph document from plain text. Errors are `{ errorMessages, errors }` with
 * 400/401/403/404; rate limits 429 with Retry-After. Jira has no idempotency header.
 */
import type { ConnectorAction, ConnectorDefinition } from '@autonomic/workflow';

const site = {
  type: 'string',
  title: 'Site',
  description: 'Your Jira Cloud site: the <site> of <site>.atlassian.net.',
  pattern: '^[a-z0-9][a-z0-9-]{0,62}$',
};

const issueKey = {
  type: 'string',
  title: 'Issue key',
  description: 'The issue, such as SOC-42.',
  pattern: '^[A-Z][A-Z0-9_]+-[1-9][0-9]*$',
};

/** An ADF document of one paragraph holding the text of `param`: the least Jira accepts as rich text. */
const adfParagraph = (param: string) => ({
  type: 'doc',
  version: 1,
  content: [{ type: 'paragraph', content: [{ type: 'text', text: `{{ ${param} }}` }] }],
});

const adfSchema = {
  type: 'object',
  required: ['type', 'version', 'content'],
  properties: { type: { const: 'doc' }, version: { const: 1 }, content: { type: 'array' } },
};
const adfExample = (text: string) => ({
  type: 'doc',
  version: 1,
  content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
});

const user = {
  type: 'object',
  required: ['accountId'],
  properties: { accountId: { type: 'string' }, displayName: { type: 'string' }, emailAddress: { type: 'string' } },
};

/** An action's params closed to unknown keys, without an idempotency header (Jira has none). */
function onSite(
  action: Omit<ConnectorAction, 'params' | 'idempotency'>,
  properties: Record<string, Record<string, unknown>>,
  required: string[],
): ConnectorAction {
  return {
    ...action,
    params: {
      type: 'object',
      properties,
      required,
      additionalProperties: false,
    },
    idempotency: 'none',
  };
}

const SELF = 'https://acme-soc.atlassian.net/rest/api/3';

export const jira: ConnectorDefinition = {
  formatVersion: 1,
  id: 'jira',
  name: 'Jira Cloud',
  vendor: 'Atlassian',
  version: '1.0.0',
  description: 'Create, comment on, transition and read Jira Cloud issues (REST API v3).',
  baseUrl: 'https://{{ site }}.atlassian.net',
  auth: { type: 'basic' },
  settings: { type: 'object', properties: { site }, required: ['site'], additionalProperties: false },
  retryableStatuses: [429, 502, 503, 504],
  healthAction: { action: 'get_myself', params: {} },
  actions: {
    create_issue: onSite(
      {
        title: 'Create an issue',
        description: 'Opens an issue in a project; its key (SOC-42) comes back.',
        effect: 'write',
        method: 'POST',
        path: '/rest/api/3/issue',
        body: {
          fields: {
            project: { key: '{{ project }}' },
            summary: '{{ summary }}',
            issuetype: { name: '{{ issueType }}' },
            description: adfParagraph('description'),
          },
        },
        response: {
          type: 'object',
          required: ['id', 'key', 'self'],
          properties: { id: { type: 'string' }, key: { type: 'string' }, self: { type: 'string' } },
        },
        example: { id: '10042', key: 'SOC-42', self: `${SELF}/issue/10042` },
      },
      {
        project: { type: 'string', title: 'Project key', pattern: '^[A-Z][A-Z0-9_]{1,9}$' },
        summary: { type: 'string', title: 'Summary', minLength: 1, maxLength: 255 },
        issueType: { type: 'string', title: 'Issue type', minLength: 1, default: 'Task' },
        description: { type: 'string', title: 'Description', minLength: 1, maxLength: 32_767 },
      },
      ['project', 'summary', 'description'],
    ),
    add_comment: onSite(
      {
        title: 'Comment on an issue',
        description: 'Adds a plain-text comment to an issue.',
        effect: 'write',
        method: 'POST',
        path: '/rest/api/3/issue/{{ issueKey }}/comment',
        body: { body: adfParagraph('comment') },
        response: {
          type: 'object',
          required: ['id', 'self', 'created'],
          properties: {
            id: { type: 'string' },
            self: { type: 'string' },
            author: user,
            body: adfSchema,
            created: { type: 'string' },
            updated: { type: 'string' },
          },
        },
        example: {
          id: '10100',
          self: `${SELF}/issue/10042/comment/10100`,
          author: { accountId: '5b10ac8d82e05b22cc7d4ef5', displayName: 'Autonomic' },
          body: adfExample('Host isolated by playbook run 7.'),
          created: '2026-12-05T21:30:00.000+0000',
          updated: '2026-12-05T21:30:00.000+0000',
        },
      },
      { issueKey, comment: { type: 'string', title: 'Comment', minLength: 1, maxLength: 32_767 } },
      ['issueKey', 'comment'],
    ),
    transition_issue: onSite(
      {
        title: 'Transition an issue',
        description: "Moves an issue through its workflow by a transition id (from the project's workflow).",
        effect: 'write',
        method: 'POST',
        path: '/rest/api/3/issue/{{ issueKey }}/transitions',
        body: { transition: { id: '{{ transitionId }}' } },
        // 204 No Content: success has no body.
        response: { type: 'null' },
        example: null,
      },
      { issueKey, transitionId: { type: 'string', title: 'Transition id', pattern: '^[0-9]+$' } },
      ['issueKey', 'transitionId'],
    ),
    get_issue: onSite(
      {
        title: 'Get an issue',
        description: 'The summary, status, type and project of an issue.',
        effect: 'read',
        method: 'GET',
        path: '/rest/api/3/issue/{{ issueKey }}',
        response: {
          type: 'object',
          required: ['id', 'key', 'fields'],
          properties: {
            id: { type: 'string' },
            key: { type: 'string' },
            self: { type: 'string' },
            fields: {
              type: 'object',
              required: ['summary', 'status'],
              properties: {
                summary: { type: 'string' },
                status: { type: 'object', required: ['name'], properties: { name: { type: 'string' } } },
                issuetype: { type: 'object', properties: { name: { type: 'string' } } },
                project: { type: 'object', properties: { key: { type: 'string' } } },
                description: { anyOf: [adfSchema, { type: 'null' }] },
                created: { type: 'string' },
                updated: { type: 'string' },
              },
            },
          },
        },
        example: {
          id: '10042',
          key: 'SOC-42',
          self: `${SELF}/issue/10042`,
          fields: {
            summary: 'Phishing: credential harvesting from 203.0.113.66',
            status: { name: 'In Progress' },
            issuetype: { name: 'Task' },
            project: { key: 'SOC' },
            description: adfExample('Reported by j.doe; sender blocked.'),
            created: '2026-12-05T21:00:00.000+0000',
            updated: '2026-12-05T21:30:00.000+0000',
          },
        },
      },
      { issueKey },
      ['issueKey'],
    ),
    get_myself: onSite(
      {
        title: 'Who am I',
        description: 'The account the credential belongs to; fails when the e-mail or API token is wrong.',
        effect: 'read',
        method: 'GET',
        path: '/rest/api/3/myself',
        response: {
          ...user,
          required: ['accountId', 'displayName'],
          properties: { ...user.properties, active: { type: 'boolean' }, timeZone: { type: 'string' } },
        },
        example: {
          accountId: '5b10ac8d82e05b22cc7d4ef5',
          displayName: 'Autonomic',
          emailAddress: 'soar@acme.example',
          active: true,
          timeZone: 'Europe/Amsterdam',
        },
      },
      {},
      [],
    ),
  },
};
