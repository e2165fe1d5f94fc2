/**
 * Splunk Enterprise / Splunk Cloud Platform REST API on the management port
 * (https://docs.splunk.com/Documentation/Splunk/latest/RESTREF/RESTsearch#search.2Fjobs and
 * …/RESTsearch#search.2Fjobs.2F.7Bsearch_id.7D.2Fresults): run a search as one action of two
 * requests — `POST /services/search/jobs` (form-encoded `search`, `exec_mode=blocking`,
 * `earliest_time`, `latest_time`, `output_mode=json`) answers 201 `{ sid }` once the job is
 * done; the sid is captured and `GET /services/search/jobs/{sid}/results?output_mode=json&count=…`
 * answers `{ results, fields, messages, … }`. Health: `GET /services/server/info`. Auth: a
 * Splunk authentication token as `Authorization: Bearer <token>` (Settings › Tokens); the
 * search head's host and management port are credential settings. Errors are
 * `{ messages: [{ type, text }] }`: 401 "call not properly authenticated", 400 FATAL for a
 * search that does not parse, 404 "Unknown sid", 503 when the role's concurrent search quota
 * is full (retried with backoff), 429 with Retry-After where Splunk Cloud throttles. The HTTP
 * client waits up to 5 minutes for a blocking search; a longer one should narrow its time range.
 */
import type { ConnectorDefinition } from '@autonomic/workflow';

const host = {
  type: 'string',
  title: 'Host',
  description: 'The search head, such as splunk.acme.internal or acme.splunkcloud.com.',
  pattern: '^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$',
};
const port = {
  type: 'string',
  title: 'Management port',
  description: "Splunk's REST API port (splunkd), 8089 unless your admin changed it.",
  pattern: '^[1-9][0-9]{0,4}$',
  default: '8089',
};

/**
 * SPL commands that change data or reach outside Splunk: a read action must not run them,
 * whatever the token's role allows.
 */
export const REFUSED_COMMANDS = [
  'delete',
  'collect',
  'mcollect',
  'meventcollect',
  'tscollect',
  'outputlookup',
  'outputcsv',
  'outputtext',
  'sendemail',
  'sendalert',
  'script',
  'run',
  'dbxoutput',
] as const;

/** `| <command>` anywhere (subsearches too), in any letter case: letter classes read the same in RE2 and JavaScript. */
const REFUSED_PATTERN = `\\|\\s*(?:${REFUSED_COMMANDS.map((c) => [...c].map((l) => `[${l}${l.toUpperCase()}]`).join('')).join('|')})\\b`;

const time = (title: string, fallback: string) => ({
  type: 'string',
  title,
  description: 'A Splunk time: relative (-24h, -7d@d), now, epoch seconds or ISO 8601.',
  pattern: '^[A-Za-z0-9@:.+-]{1,40}$',
  default: fallback,
});

const fieldName = {
  anyOf: [{ type: 'string' }, { type: 'object', required: ['name'], properties: { name: { type: 'string' } } }],
};
const messages = {
  type: 'array',
  items: {
    type: 'object',
    required: ['type', 'text'],
    properties: { type: { type: 'string' }, text: { type: 'string' } },
  },
};

export const splunk: ConnectorDefinition = {
  formatVersion: 1,
  id: 'splunk',
  name: 'Splunk',
  vendor: 'Splunk',
  version: '1.0.0',
  description:
    'Runs SPL searches on a Splunk Enterprise or Splunk Cloud search head and returns their results (REST API).',
  baseUrl: 'https://{{ host }}:{{ port }}',
  auth: { type: 'bearer' },
  settings: { type: 'object', properties: { host, port }, required: ['host', 'port'], additionalProperties: false },
  retryableStatuses: [429, 502, 503, 504],
  healthAction: { action: 'server_info', params: {} },
  actions: {
    run_search: {
      title: 'Run a search',
      description:
        'Runs an SPL search over a time range, waits for it to finish and returns up to count results. Commands that write or send data (delete, collect, outputlookup, sendemail, script…) are refused.',
      effect: 'read',
      method: 'POST',
      path: '/services/search/jobs',
      bodyType: 'form',
      body: {
        search: '{{ query }}',
        exec_mode: 'blocking',
        earliest_time: '{{ earliest }}',
        latest_time: '{{ latest }}',
        output_mode: 'json',
      },
      capture: { sid: { pointer: '/sid', missing: 'Splunk answered without a search id' } },
      then: [
        {
          method: 'GET',
          path: '/services/search/jobs/{{ sid }}/results',
          query: { output_mode: 'json', count: '{{ count }}' },
        },
      ],
      params: {
        type: 'object',
        properties: {
          query: {
            type: 'string',
            title: 'Search (SPL)',
            description:
              'Starts with a command: search index=… or | tstats …, as in the Search app with "search " written out.',
            minLength: 8,
            maxLength: 10_000,
            pattern: '^\\s*(?:search\\s|\\|)',
            not: { pattern: REFUSED_PATTERN },
          },
          earliest: time('From', '-24h'),
          latest: time('To', 'now'),
          count: { type: 'integer', title: 'At most this many results', minimum: 1, maximum: 10_000, default: 100 },
        },
        required: ['query'],
        additionalProperties: false,
      },
      response: {
        type: 'object',
        required: ['results'],
        properties: {
          preview: { type: 'boolean' },
          init_offset: { type: 'integer' },
          messages,
          fields: { type: 'array', items: fieldName },
          results: { type: 'array', items: { type: 'object' } },
          highlighted: { type: 'object' },
        },
      },
      idempotency: 'none',
      example: {
        preview: false,
        init_offset: 0,
        messages: [],
        fields: [{ name: 'src_ip' }, { name: 'user' }, { name: 'count' }],
        results: [
          { src_ip: '203.0.113.66', user: 'j.doe', count: '41' },
          { src_ip: '198.51.100.23', user: 'a.vance', count: '7' },
        ],
        highlighted: {},
      },
    },
    server_info: {
      title: 'Server info',
      description: 'The Splunk version and server name: fails when the host, port or token is wrong.',
      effect: 'read',
      method: 'GET',
      path: '/services/server/info',
      query: { output_mode: 'json' },
      params: { type: 'object', properties: {}, additionalProperties: false },
      response: {
        type: 'object',
        required: ['entry'],
        properties: {
          generator: { type: 'object', properties: { build: { type: 'string' }, version: { type: 'string' } } },
          entry: {
            type: 'array',
            minItems: 1,
            items: {
              type: 'object',
              required: ['name', 'content'],
              properties: {
                name: { type: 'string' },
                content: {
                  type: 'object',
                  required: ['version', 'serverName'],
                  properties: {
                    version: { type: 'string' },
                    serverName: { type: 'string' },
                    build: { type: 'string' },
                    product_type: { type: 'string' },
                    os_name: { type: 'string' },
                  },
                },
              },
            },
          },
          messages,
        },
      },
      idempotency: 'none',
      example: {
        generator: { build: '78803f08aabb', version: '9.2.1' },
        entry: [
          {
            name: 'server-info',
            content: {
              version: '9.2.1',
              serverName: 'splunk-sh-01',
              build: '78803f08aabb',
              product_type: 'enterprise',
              os_name: 'Linux',
            },
          },
        ],
        messages: [],
      },
    },
  },
};
