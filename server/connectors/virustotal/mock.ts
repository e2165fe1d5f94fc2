/**
 * VirusTotal API v3 as the vendor answers (https://docs.virustotal.com/reference): objects
 * as `{ data: { id, type, links, attributes } }`, the key in `x-apikey`, errors as
 * `{ error: { code, message } }` (401 AuthenticationRequiredError / WrongCredentialsError,
 * 404 NotFoundError, 400 InvalidArgumentError, 429 QuotaExceededError).
 */
import { createHash } from 'node:crypto';
import { isIP } from 'node:net';
import { startVendorMock, type MockAnswer, type MockRequest, type VendorMock } from '../vendor-mock';

export const VIRUSTOTAL_KEY = 'vt-test-key-0123456789abcdef0123456789abcdef0123456789abcdef01234567';

const error = (status: number, code: string, message: string): MockAnswer => ({
  status,
  body: { error: { code, message } },
});

const stats = (malicious: number, harmless: number) => ({
  malicious,
  suspicious: 0,
  harmless,
  undetected: 90 - malicious - harmless,
  timeout: 0,
});
const common = (malicious: number, harmless: number, reputation: number) => ({
  last_analysis_stats: stats(malicious, harmless),
  last_analysis_date: 1764200000,
  reputation,
  tags: [],
  total_votes: { harmless: 0, malicious: malicious > 0 ? 2 : 0 },
});

export const KNOWN_URL = 'http://malware.example/payload.exe';
/** The file the mock knows: the EICAR test file. */
export const KNOWN_SHA256 = '275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f';
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

const DOMAINS: Record<string, Record<string, unknown>> = {
  'malware.example': {
    ...common(12, 50, -40),
    categories: { 'Forcepoint ThreatSeeker': 'malicious web sites' },
    registrar: 'Example Registrar, Inc.',
    creation_date: 1700000000,
    tld: 'example',
  },
};
const URLS: Record<string, Record<string, unknown>> = {
  [KNOWN_URL]: {
    ...common(8, 60, -5),
    url: KNOWN_URL,
    last_final_url: KNOWN_URL,
    title: '',
    times_submitted: 4,
    last_http_response_code: 200,
  },
};
const FILES: Record<string, Record<string, unknown>> = {
  [KNOWN_SHA256]: {
    ...common(61, 0, 3461),
    md5: '44d88612fea8a8f36de82e1278abb02f',
    sha1: '3395856ce81f2b7382dee72602f798b642f14140',
    sha256: KNOWN_SHA256,
    size: 68,
    type_description: 'Text',
    meaningful_name: 'eicar.com',
    names: ['eicar.com'],
  },
};

const object = (collection: string, type: string, id: string, attributes: Record<string, unknown>): MockAnswer => ({
  status: 200,
  body: { data: { id, type, links: { self: `https://www.virustotal.com/api/v3/${collection}/${id}` }, attributes } },
});

function ipAddress(ip: string): MockAnswer {
  if (isIP(ip) === 0) return error(400, 'InvalidArgumentError', `"${ip}" is not a valid IP address`);
  // Every routable address has a report, if only an empty one.
  const bad = ip === '203.0.113.66';
  return object('ip_addresses', 'ip_address', ip, {
    ...common(bad ? 9 : 0, 60, bad ? -12 : 0),
    as_owner: 'EXAMPLE-NET',
    asn: 64500,
    country: 'NL',
    continent: 'EU',
    network: '203.0.113.0/24',
    regional_internet_registry: 'RIPE NCC',
  });
}

/** `/urls/{id}`: the id is the URL in unpadded URL-safe base64, or the SHA-256 of the URL. */
function url(id: string): MockAnswer {
  const decoded = Buffer.from(id, 'base64url').toString('utf8');
  const known = Object.keys(URLS).find((u) => u === decoded || sha256(u) === id);
  if (!known) return error(404, 'NotFoundError', `URL "${id}" not found`);
  return object('urls', 'url', sha256(known), URLS[known] ?? {});
}

function file(hash: string): MockAnswer {
  const h = hash.toLowerCase();
  const found = Object.values(FILES).find((f) => [f['md5'], f['sha1'], f['sha256']].includes(h));
  if (!found) return error(404, 'NotFoundError', `File "${hash}" not found`);
  return object('files', 'file', String(found['sha256']), found);
}

function route(req: MockRequest): MockAnswer {
  const m = /^\/api\/v3\/(ip_addresses|domains|urls|files)\/([^/]+)$/.exec(req.path);
  if (req.method !== 'GET' || !m) return error(404, 'NotFoundError', `Resource not found: ${req.path}`);
  const id = decodeURIComponent(m[2] ?? '');
  switch (m[1]) {
    case 'ip_addresses':
      return ipAddress(id);
    case 'domains': {
      const d = DOMAINS[id];
      return d ? object('domains', 'domain', id, d) : error(404, 'NotFoundError', `Domain "${id}" not found`);
    }
    case 'urls':
      return url(id);
    default:
      return file(id);
  }
}

export function startVirusTotalMock(): Promise<VendorMock> {
  return startVendorMock({
    authFailure: (req) => {
      const key = req.headers['x-apikey'];
      if (key === undefined) return error(401, 'AuthenticationRequiredError', 'X-Apikey header is missing');
      return key === VIRUSTOTAL_KEY ? undefined : error(401, 'WrongCredentialsError', 'Wrong API key');
    },
    rateLimited: (seconds) => ({
      ...error(429, 'QuotaExceededError', 'Quota exceeded'),
      headers: { 'retry-after': String(seconds) },
    }),
    route,
  });
}
