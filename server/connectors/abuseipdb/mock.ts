/**
 * AbuseIPDB API v2 as the vendor answers (https://docs.abuseipdb.com): `GET /api/v2/check`
 * with the key in the `Key` header; errors as `{ errors: [{ detail, status }] }` (401 for a
 * missing or wrong key, 422 for a bad parameter, 429 with Retry-After over the daily limit).
 */
import { isIP } from 'node:net';
import { startVendorMock, type MockAnswer, type VendorMock } from '../vendor-mock';

export const ABUSEIPDB_KEY = 'abuseipdb-test-key-5f0c8e1d2b7a4c3e9f6a1b2c3d4e5f60';

const errors = (status: number, detail: string, parameter?: string): MockAnswer => ({
  status,
  body: { errors: [{ detail, status, ...(parameter ? { source: { parameter } } : {}) }] },
});

/** What the mock knows; any other valid address is clean (score 0, no reports), as on the real API. */
const KNOWN: Record<string, Record<string, unknown>> = {
  '118.25.6.39': {
    isWhitelisted: false,
    abuseConfidenceScore: 100,
    countryCode: 'CN',
    usageType: 'Data Center/Web Hosting/Transit',
    isp: 'Tencent Cloud Computing (Beijing) Co. Ltd',
    domain: 'tencent.com',
    hostnames: [],
    totalReports: 1537,
    numDistinctUsers: 312,
    lastReportedAt: '2026-11-26T09:12:44+00:00',
  },
};

function check(query: URLSearchParams): MockAnswer {
  const ip = query.get('ipAddress');
  if (!ip) return errors(422, 'The ip address field is required.', 'ipAddress');
  const version = isIP(ip);
  if (version === 0) {
    return errors(
      422,
      'The ip address must be a valid IPv4 or IPv6 address (e.g. 8.8.8.8 or 2001:4860:4860::8888).',
      'ipAddress',
    );
  }
  const maxAge = Number(query.get('maxAgeInDays') ?? '30');
  if (!Number.isInteger(maxAge) || maxAge < 1 || maxAge > 365) {
    return errors(422, 'The max age in days must be between 1 and 365.', 'maxAgeInDays');
  }
  const clean = {
    isWhitelisted: null,
    abuseConfidenceScore: 0,
    countryCode: null,
    usageType: null,
    isp: null,
    domain: null,
    hostnames: [],
    totalReports: 0,
    numDistinctUsers: 0,
    lastReportedAt: null,
  };
  const data = {
    ipAddress: ip,
    isPublic: !ip.startsWith('10.') && !ip.startsWith('192.168.'),
    ipVersion: version,
    isTor: false,
    ...clean,
    ...KNOWN[ip],
  };
  return { status: 200, body: { data }, headers: { 'x-ratelimit-limit': '1000', 'x-ratelimit-remaining': '999' } };
}

export function startAbuseIpdbMock(): Promise<VendorMock> {
  return startVendorMock({
    authFailure: (req) =>
      req.headers['key'] === ABUSEIPDB_KEY
        ? undefined
        : errors(
            401,
            'Authentication failed. Your API key is either missing, incorrect, or revoked. Note: The APIv2 key differs from the APIv1 key.',
          ),
    rateLimited: (seconds) => ({
      ...errors(
        429,
        'Daily rate limit of 1000 requests exceeded for this endpoint. See headers for additional details.',
      ),
      headers: {
        'retry-after': String(seconds),
        'x-ratelimit-limit': '1000',
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + seconds),
      },
    }),
    route: (req) =>
      req.method === 'GET' && req.path === '/api/v2/check' ? check(req.query) : errors(404, 'Not Found'),
  });
}
