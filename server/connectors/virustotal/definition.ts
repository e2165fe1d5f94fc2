/**
 * VirusTotal API v3 (https://docs.virustotal.com/reference): what the antivirus engines
 * and the community say about an IP address, a domain, a URL or a file. Auth: the API key
 * in the `x-apikey` header. The public API allows 4 lookups a minute (500 a day); over it
 * the answer is 429 QuotaExceededError.
 */
import type { ConnectorAction, ConnectorDefinition } from '@autonomic/workflow';

/** Verdict counts of the latest analysis; files add timeout, failure, type-unsupported and the like. */
const lastAnalysisStats = {
  type: 'object',
  required: ['malicious', 'suspicious', 'harmless', 'undetected'],
  properties: {
    malicious: { type: 'integer', minimum: 0 },
    suspicious: { type: 'integer', minimum: 0 },
    harmless: { type: 'integer', minimum: 0 },
    undetected: { type: 'integer', minimum: 0 },
    timeout: { type: 'integer', minimum: 0 },
  },
};

const totalVotes = {
  type: 'object',
  properties: { harmless: { type: 'integer' }, malicious: { type: 'integer' } },
};

/** `{ data: { id, type, links, attributes } }`, the shape of every v3 object. */
function objectResponse(type: string, attributes: Record<string, unknown>): Record<string, unknown> {
  return {
    type: 'object',
    required: ['data'],
    properties: {
      data: {
        type: 'object',
        required: ['id', 'type', 'attributes'],
        properties: {
          id: { type: 'string' },
          type: { const: type },
          links: { type: 'object', properties: { self: { type: 'string' } } },
          attributes: {
            type: 'object',
            required: ['last_analysis_stats'],
            properties: {
              last_analysis_stats: lastAnalysisStats,
              last_analysis_date: { type: 'integer' },
              reputation: { type: 'integer' },
              total_votes: totalVotes,
              tags: { type: 'array', items: { type: 'string' } },
              ...attributes,
            },
          },
        },
      },
    },
  };
}

const stats = { malicious: 9, suspicious: 1, harmless: 55, undetected: 27, timeout: 0 };

interface Lookup {
  title: string;
  description: string;
  /** The v3 collection: `ip_addresses`, `domains`, `urls`, `files`. */
  collection: string;
  /** The one param, the object's id in the path. */
  param: string;
  input: Record<string, unknown>;
  response: Record<string, unknown>;
  example: Record<string, unknown>;
  target?: ConnectorAction['target'];
}

/** A read of `/api/v3/<collection>/{{ <param> }}`. */
function lookup({ title, description, collection, param, input, response, example, target }: Lookup): ConnectorAction {
  return {
    title,
    description,
    effect: 'read',
    method: 'GET',
    path: `/api/v3/${collection}/{{ ${param} }}`,
    params: { type: 'object', properties: { [param]: input }, required: [param], additionalProperties: false },
    response,
    ...(target ? { target } : {}),
    idempotency: 'none',
    example: { data: { ...example, links: { self: `https://www.virustotal.com/api/v3/${collection}/${example.id}` } } },
  };
}

export const virustotal: ConnectorDefinition = {
  formatVersion: 1,
  id: 'virustotal',
  name: 'VirusTotal',
  vendor: 'VirusTotal (Google)',
  version: '1.0.0',
  description: 'Reputation of IP addresses, domains, URLs and files from ~70 security vendors (API v3).',
  baseUrl: 'https://www.virustotal.com',
  auth: { type: 'api_key', in: 'header', name: 'x-apikey' },
  rateLimit: { requests: 4, per: '1m' },
  retryableStatuses: [429, 502, 503, 504],
  healthAction: { action: 'ip_report', params: { ip: '8.8.8.8' } },
  actions: {
    ip_report: lookup({
      title: 'IP address report',
      description: 'Verdicts, reputation, owner and network of an IP address.',
      collection: 'ip_addresses',
      param: 'ip',
      input: { type: 'string', title: 'IP address', anyOf: [{ format: 'ipv4' }, { format: 'ipv6' }] },
      response: objectResponse('ip_address', {
        as_owner: { type: 'string' },
        asn: { type: 'integer' },
        country: { type: 'string' },
        continent: { type: 'string' },
        network: { type: 'string' },
        regional_internet_registry: { type: 'string' },
      }),
      example: {
        id: '203.0.113.66',
        type: 'ip_address',
        attributes: {
          as_owner: 'EXAMPLE-HOSTING',
          asn: 64500,
          country: 'NL',
          continent: 'EU',
          network: '203.0.113.0/24',
          regional_internet_registry: 'RIPE NCC',
          reputation: -12,
          tags: [],
          total_votes: { harmless: 0, malicious: 3 },
          last_analysis_date: 1732000000,
          last_analysis_stats: stats,
        },
      },
      target: { param: 'ip', kind: 'ip' },
    }),
    domain_report: lookup({
      title: 'Domain report',
      description: 'Verdicts, reputation, categories and registrar of a domain.',
      collection: 'domains',
      param: 'domain',
      input: { type: 'string', title: 'Domain', format: 'hostname' },
      response: objectResponse('domain', {
        categories: { type: 'object', additionalProperties: { type: 'string' } },
        registrar: { type: 'string' },
        creation_date: { type: 'integer' },
        tld: { type: 'string' },
      }),
      example: {
        id: 'malware.example',
        type: 'domain',
        attributes: {
          categories: { 'Forcepoint ThreatSeeker': 'malicious web sites' },
          registrar: 'Example Registrar, Inc.',
          creation_date: 1700000000,
          tld: 'example',
          reputation: -40,
          tags: [],
          total_votes: { harmless: 0, malicious: 7 },
          last_analysis_date: 1732000000,
          last_analysis_stats: stats,
        },
      },
      target: { param: 'domain', kind: 'domain' },
    }),
    url_report: lookup({
      title: 'URL report',
      description:
        'Verdicts of a URL. Its id is the URL in URL-safe base64 without padding (or the SHA-256 of the URL).',
      collection: 'urls',
      param: 'id',
      input: { type: 'string', title: 'URL identifier', pattern: '^[A-Za-z0-9_-]+$', minLength: 1 },
      response: objectResponse('url', {
        url: { type: 'string' },
        last_final_url: { type: 'string' },
        title: { type: 'string' },
        times_submitted: { type: 'integer' },
        last_http_response_code: { type: 'integer' },
      }),
      example: {
        id: 'a0f1b5d0b8c2f3e4d5c6b7a8f9e0d1c2b3a4f5e6d7c8b9a0f1e2d3c4b5a6f7e8',
        type: 'url',
        attributes: {
          url: 'http://malware.example/payload.exe',
          last_final_url: 'http://malware.example/payload.exe',
          title: '',
          times_submitted: 4,
          last_http_response_code: 200,
          reputation: -5,
          tags: [],
          total_votes: { harmless: 0, malicious: 1 },
          last_analysis_date: 1732000000,
          last_analysis_stats: stats,
        },
      },
    }),
    file_report: lookup({
      title: 'File report',
      description: 'Verdicts, names, type and size of a file, by its MD5, SHA-1 or SHA-256.',
      collection: 'files',
      param: 'hash',
      input: { type: 'string', title: 'File hash', pattern: '^([A-Fa-f0-9]{32}|[A-Fa-f0-9]{40}|[A-Fa-f0-9]{64})$' },
      response: objectResponse('file', {
        md5: { type: 'string' },
        sha1: { type: 'string' },
        sha256: { type: 'string' },
        size: { type: 'integer' },
        type_description: { type: 'string' },
        meaningful_name: { type: 'string' },
        names: { type: 'array', items: { type: 'string' } },
      }),
      example: {
        id: '275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f',
        type: 'file',
        attributes: {
          md5: '44d88612fea8a8f36de82e1278abb02f',
          sha1: '3395856ce81f2b7382dee72602f798b642f14140',
          sha256: '275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f',
          size: 68,
          type_description: 'Text',
          meaningful_name: 'eicar.com',
          names: ['eicar.com', 'eicar.txt'],
          reputation: 3461,
          tags: ['text', 'attachment'],
          total_votes: { harmless: 30, malicious: 20 },
          last_analysis_date: 1732000000,
          last_analysis_stats: { malicious: 61, suspicious: 0, harmless: 0, undetected: 6, timeout: 0 },
        },
      },
      target: { param: 'hash', kind: 'hash' },
    }),
  },
};
