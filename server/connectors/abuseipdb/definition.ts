/**
 * AbuseIPDB API v2 (https://docs.abuseipdb.com): the reputation of an IP address from
 * community abuse reports. Auth: the API key in the `Key` header. Free plans allow 1,000
 * checks a day; over it the API answers 429 with Retry-After.
 */
import type { ConnectorDefinition } from '@autonomic/workflow';

const ipAddress = {
  type: 'string',
  title: 'IP address',
  description: 'The IPv4 or IPv6 address to check.',
  anyOf: [{ format: 'ipv4' }, { format: 'ipv6' }],
};

export const abuseipdb: ConnectorDefinition = {
  formatVersion: 1,
  id: 'abuseipdb',
  name: 'AbuseIPDB',
  vendor: 'AbuseIPDB',
  version: '1.0.0',
  description: 'IP address reputation from community abuse reports (API v2).',
  baseUrl: 'https://api.abuseipdb.com',
  auth: { type: 'api_key', in: 'header', name: 'Key' },
  rateLimit: { requests: 1_000, per: '1d' },
  retryableStatuses: [429, 502, 503, 504],
  healthAction: { action: 'check_ip', params: { ipAddress: '8.8.8.8' } },
  actions: {
    check_ip: {
      title: 'Check IP reputation',
      description: 'How confident AbuseIPDB is that the address is abusive (0-100), with its country, ISP and reports.',
      effect: 'read',
      method: 'GET',
      path: '/api/v2/check',
      query: { ipAddress: '{{ ipAddress }}', maxAgeInDays: '{{ maxAgeInDays }}' },
      params: {
        type: 'object',
        properties: {
          ipAddress,
          maxAgeInDays: {
            type: 'integer',
            title: 'Max age in days',
            description: 'Only count reports this recent.',
            minimum: 1,
            maximum: 365,
            default: 30,
          },
        },
        required: ['ipAddress'],
        additionalProperties: false,
      },
      response: {
        type: 'object',
        required: ['data'],
        properties: {
          data: {
            type: 'object',
            required: ['ipAddress', 'abuseConfidenceScore', 'totalReports'],
            properties: {
              ipAddress: { type: 'string' },
              isPublic: { type: 'boolean' },
              ipVersion: { enum: [4, 6] },
              isWhitelisted: { type: ['boolean', 'null'] },
              abuseConfidenceScore: { type: 'integer', minimum: 0, maximum: 100 },
              countryCode: { type: ['string', 'null'] },
              usageType: { type: ['string', 'null'] },
              isp: { type: ['string', 'null'] },
              domain: { type: ['string', 'null'] },
              hostnames: { type: 'array', items: { type: 'string' } },
              isTor: { type: 'boolean' },
              totalReports: { type: 'integer', minimum: 0 },
              numDistinctUsers: { type: 'integer', minimum: 0 },
              lastReportedAt: { type: ['string', 'null'], format: 'date-time' },
            },
          },
        },
      },
      target: { param: 'ipAddress', kind: 'ip' },
      idempotency: 'none',
      example: {
        data: {
          ipAddress: '118.25.6.39',
          isPublic: true,
          ipVersion: 4,
          isWhitelisted: false,
          abuseConfidenceScore: 100,
          countryCode: 'CN',
          usageType: 'Data Center/Web Hosting/Transit',
          isp: 'Tencent Cloud Computing (Beijing) Co. Ltd',
          domain: 'tencent.com',
          hostnames: [],
          isTor: false,
          totalReports: 1,
          numDistinctUsers: 1,
          lastReportedAt: '2018-12-20T20:55:14+00:00',
        },
      },
    },
  },
};
