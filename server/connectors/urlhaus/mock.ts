/**
 * URLhaus API v1 on 127.0.0.1 as abuse.ch answers it: the `Auth-Key` header checked first (401
 * `unknown_auth_key`), form-encoded POSTs to `/v1/url/` and `/v1/host/` (a JSON body is not
 * read: `missing_url` / `missing_host`), HTTP 200 answers with `query_status` ok / no_results /
 * invalid_url / invalid_host, every number as text, and 429 with Retry-After when shedding load.
 */
import { startVendorMock, type MockAnswer, type MockRequest, type VendorMock } from '../vendor-mock';

export const URLHAUS_KEY = '4f2b8c1e9d7a6053b2e1f4c8a9d7e6b5c3a2f1e0d9c8b7a6';

/** A URL URLhaus lists, on a host with two listed URLs. */
export const LISTED_URL = 'http://198.51.100.77:43521/Mozi.m';
export const LISTED_HOST = 'malware-cdn.example';

const MOZI = {
  id: '3140518',
  urlhaus_reference: 'https://urlhaus.abuse.ch/url/3140518/',
  url: LISTED_URL,
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
      virustotal: null,
    },
  ],
};
const CDN_URLS = [
  { id: '3139870', url: `https://${LISTED_HOST}/invoice_0412.zip`, url_status: 'online', tags: ['zip', 'Qakbot'] },
  { id: '3121004', url: `https://${LISTED_HOST}/doc/scan_77.js`, url_status: 'offline', tags: null },
].map((u) => ({
  ...u,
  urlhaus_reference: `https://urlhaus.abuse.ch/url/${u.id}/`,
  date_added: '2026-12-04 11:20:45 UTC',
  threat: 'malware_download',
  reporter: 'abuse_ch',
  larted: 'true',
  takedown_time_seconds: null,
}));

const status = (query_status: string, code = 200): MockAnswer => ({ status: code, body: { query_status } });
/** A host URLhaus accepts: a dotted name or an IPv4 address. */
const HOST = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$|^\d{1,3}(?:\.\d{1,3}){3}$/i;

function form(req: MockRequest): URLSearchParams {
  return (req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')
    ? new URLSearchParams(req.body)
    : new URLSearchParams();
}

function url(req: MockRequest): MockAnswer {
  const value = form(req).get('url');
  if (!value) return status('missing_url');
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    return status('invalid_url');
  }
  if (!HOST.test(parsed.hostname)) return status('invalid_url');
  return value === LISTED_URL ? { status: 200, body: { query_status: 'ok', ...MOZI } } : status('no_results');
}

function host(req: MockRequest): MockAnswer {
  const value = form(req).get('host');
  if (!value) return status('missing_host');
  if (!HOST.test(value)) return status('invalid_host');
  if (value.toLowerCase() !== LISTED_HOST) return status('no_results');
  return {
    status: 200,
    body: {
      query_status: 'ok',
      urlhaus_reference: `https://urlhaus.abuse.ch/host/${LISTED_HOST}/`,
      host: LISTED_HOST,
      firstseen: '2026-11-28 09:14:02 UTC',
      url_count: String(CDN_URLS.length),
      blacklists: { spamhaus_dbl: 'abused_legit_malware', surbl: 'listed' },
      urls: CDN_URLS,
    },
  };
}

export async function startUrlhausMock(): Promise<VendorMock> {
  return startVendorMock({
    authFailure: (req) => (req.headers['auth-key'] === URLHAUS_KEY ? undefined : status('unknown_auth_key', 401)),
    rateLimited: (seconds) => ({ ...status('rate_limited', 429), headers: { 'Retry-After': String(seconds) } }),
    route(req) {
      if (req.method !== 'POST') return status('http_post_expected');
      if (req.path === '/v1/url/') return url(req);
      if (req.path === '/v1/host/') return host(req);
      return { status: 404, body: null, text: 'Not Found' };
    },
  });
}
