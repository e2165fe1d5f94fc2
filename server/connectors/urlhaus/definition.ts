/**
 * URLhaus API v1 by abuse.ch (https://urlhaus-api.abuse.ch): is a URL, a domain or an IP
 * address known to distribute malware? Auth: the abuse.ch Auth-Key in the `Auth-Key` header
 * (401 `unknown_auth_key` without a valid one). Queries are form-encoded POSTs (`url=…` to
 * `/v1/url/`, `host=…` to `/v1/host/`); answers are HTTP 200 with `query_status`: `ok` with the
 * record, `no_results` when URLhaus does not know it (a clean answer a playbook branches on, not
 * an error), `invalid_url` / `invalid_host` for a malformed query. Numbers and ids come as
 * text (`url_count: '110'`). URLhaus publishes no hard rate limit; when it sheds load it answers
 * 429 with Retry-After.
 */
import type { ConnectorAction, ConnectorDefinition } from '@autonomic/workflow';

const blacklists = {
  type: 'object',
  properties: { spamhaus_dbl: { type: 'string' }, surbl: { type: 'string' } },
};
const tags = { type: ['array', 'null'], items: { type: 'string' } };
const urlStatus = { enum: ['online', 'offline', 'unknown'] };
/** `ok` carries the record; `no_results` carries nothing else (two shapes, so neither looks like the other drifted). */
const found = (required: string[], properties: Record<string, unknown>) => ({
  anyOf: [
    {
      type: 'object',
      required: ['query_status', ...required],
      properties: { query_status: { const: 'ok' }, ...properties },
    },
    { type: 'object', required: ['query_status'], properties: { query_status: { const: 'no_results' } } },
  ],
});

const payload = {
  type: 'object',
  required: ['response_sha256'],
  properties: {
    firstseen: { type: 'string' },
    filename: { type: ['string', 'null'] },
    file_type: { type: 'string' },
    response_size: { type: 'string' },
    response_md5: { type: 'string' },
    response_sha256: { type: 'string' },
    urlhaus_download: { type: 'string' },
    signature: { type: ['string', 'null'] },
    virustotal: { type: ['object', 'null'] },
  },
};

const lookup = (
  text: Pick<ConnectorAction, 'title' | 'description' | 'path' | 'body' | 'response' | 'example' | 'target'>,
  properties: Record<string, Record<string, unknown>>,
): ConnectorAction => ({
  ...text,
  effect: 'read',
  method: 'POST',
  bodyType: 'form',
  params: { type: 'object', properties, required: Object.keys(properties), additionalProperties: false },
  idempotency: 'none',
});

export const urlhaus: ConnectorDefinition = {
  formatVersion: 1,
  id: 'urlhaus',
  name: 'URLhaus',
  vendor: 'abuse.ch',
  version: '1.0.0',
  description: 'Whether a URL, domain or IP address is known to distribute malware (URLhaus API v1).',
  baseUrl: 'https://urlhaus-api.abuse.ch',
  auth: { type: 'api_key', in: 'header', name: 'Auth-Key' },
  retryableStatuses: [429, 502, 503, 504],
  // A malformed query is a 200 too: reported as a failure, not as an answer.
  errorWhen: { field: 'query_status', equals: 'invalid_url', codeField: 'query_status', authCodes: [] },
  // A host URLhaus lists; an hourly probe is plenty for a fair-use API.
  healthAction: { action: 'lookup_host', params: { host: 'urlhaus.abuse.ch' }, every: '1h' },
  actions: {
    lookup_url: lookup(
      {
        title: 'Look up a URL',
        description:
          "URLhaus's record of the URL: online or offline, the threat, tags and payloads it served; query_status no_results when URLhaus does not know it.",
        path: '/v1/url/',
        body: { url: '{{ url }}' },
        response: found(['id', 'url', 'url_status', 'host', 'threat', 'urlhaus_reference'], {
          id: { type: 'string' },
          urlhaus_reference: { type: 'string' },
          url: { type: 'string' },
          url_status: urlStatus,
          host: { type: 'string' },
          date_added: { type: 'string' },
          last_online: { type: ['string', 'null'] },
          threat: { type: 'string' },
          blacklists,
          reporter: { type: 'string' },
          larted: { enum: ['true', 'false'] },
          takedown_time_seconds: { type: ['string', 'null'] },
          tags,
          payloads: { type: ['array', 'null'], items: payload },
        }),
        example: {
          query_status: 'ok',
          id: '3140518',
          urlhaus_reference: 'https://urlhaus.abuse.ch/url/3140518/',
          url: 'http://198.51.100.77:43521/Mozi.m',
          url_status: 'online',
          host: '198.51.100.77',
          date_added: '2026-12-05 18:02:11 UTC',
          last_online: null,
          threat: 'malware_download',
          blacklists: { spamhaus_dbl: 'not listed', surbl: 'not listed' },
          reporter: 'lrz_urlhaus',
          larted: 'true',
          takedown_time_seconds: null,
          tags: ['elf', 'Mozi'],
          payloads: [
            {
              firstseen: '2026-12-05',
              filename: null,
              file_type: 'elf',
              response_size: '307960',
              response_md5: '3849f30b51a5c49e8d1dc3ba3f1b3f7a',
              response_sha256: '12013662c71da69de977c04cd7021f13a70cf7bed4ca6c82acbc100464d4b0ef',
              urlhaus_download:
                'https://urlhaus-api.abuse.ch/v1/download/12013662c71da69de977c04cd7021f13a70cf7bed4ca6c82acbc100464d4b0ef/',
              signature: 'Mozi',
            },
          ],
        },
        target: { param: 'url', kind: 'url' },
      },
      {
        url: {
          type: 'string',
          title: 'URL',
          description: 'The full URL, with its scheme: http://example.com/path/file.exe.',
          format: 'uri',
          pattern: '^(?:https?|ftp)://',
          maxLength: 2_048,
        },
      },
    ),
    lookup_host: lookup(
      {
        title: 'Look up a domain or IP',
        description:
          'How many malware URLs URLhaus has seen on the host, its blocklist listings and its most recent URLs; query_status no_results when it has none.',
        path: '/v1/host/',
        body: { host: '{{ host }}' },
        response: found(['host', 'url_count', 'urls', 'urlhaus_reference'], {
          urlhaus_reference: { type: 'string' },
          host: { type: 'string' },
          firstseen: { type: ['string', 'null'] },
          url_count: { type: 'string', pattern: '^[0-9]+$' },
          blacklists,
          urls: {
            type: 'array',
            items: {
              type: 'object',
              required: ['id', 'url', 'url_status', 'threat'],
              properties: {
                id: { type: 'string' },
                urlhaus_reference: { type: 'string' },
                url: { type: 'string' },
                url_status: urlStatus,
                date_added: { type: 'string' },
                threat: { type: 'string' },
                reporter: { type: 'string' },
                larted: { enum: ['true', 'false'] },
                takedown_time_seconds: { type: ['string', 'null'] },
                tags,
              },
            },
          },
        }),
        example: {
          query_status: 'ok',
          urlhaus_reference: 'https://urlhaus.abuse.ch/host/malware-cdn.example/',
          host: 'malware-cdn.example',
          firstseen: '2026-11-28 09:14:02 UTC',
          url_count: '2',
          blacklists: { spamhaus_dbl: 'abused_legit_malware', surbl: 'listed' },
          urls: [
            {
              id: '3139870',
              urlhaus_reference: 'https://urlhaus.abuse.ch/url/3139870/',
              url: 'https://malware-cdn.example/invoice_0412.zip',
              url_status: 'online',
              date_added: '2026-12-04 11:20:45 UTC',
              threat: 'malware_download',
              reporter: 'abuse_ch',
              larted: 'true',
              takedown_time_seconds: null,
              tags: ['zip', 'Qakbot'],
            },
          ],
        },
        target: { param: 'host', kind: 'domain' },
      },
      {
        host: {
          type: 'string',
          title: 'Domain or IP',
          description: 'A domain name (malware-cdn.example) or an IPv4 address, without scheme or path.',
          anyOf: [{ format: 'hostname', pattern: '\\.' }, { format: 'ipv4' }],
          maxLength: 253,
        },
      },
    ),
  },
};
