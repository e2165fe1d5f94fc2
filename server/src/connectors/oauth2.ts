/**
 * OAuth2 client credentials (RFC 6749 §4.4) through oauth4webapi, its token requests sent
 * by our guarded HttpClient (its `customFetch` hook), so the SSRF guard applies to the token
 * URL as to the API. Tokens are cached per token URL, client, secret and scopes until their
 * expiry minus a skew; concurrent calls share one token request. A 429 or 5xx from the token
 * endpoint is retried like an API answer (its Retry-After honoured, bounded attempts, the
 * client's sleep). The secret and the tokens never reach a message: every error here is
 * built from scrubbed text.
 */
import { createHash } from 'node:crypto';
import * as oauth from 'oauth4webapi';
import type { ConnectorAuth, ConnectorRetryAfter } from '@autonomic/workflow';
import { OutboundRefusedError, type HttpClient, type OutboundResponse } from '../adapters/http-client';
import { scrubText } from '../adapters/redact';
import { ConnectorError, kindOfStatus } from './errors';
import { askedWaitMs } from './retry-after';

type OAuth2Auth = Extract<ConnectorAuth, { type: 'oauth2_client_credentials' }>;

/** Codes of a token endpoint's error body that mean the client credential is wrong. */
const AUTH_CODES = new Set(['invalid_client', 'unauthorized_client', 'invalid_grant', 'unauthorized']);

/** Without `expires_in` a token is kept this long (then fetched again). */
const DEFAULT_LIFETIME_MS = 300_000;

export interface TokenRequest {
  auth: OAuth2Auth;
  /** The token URL with its placeholders filled. */
  tokenUrl: string;
  /** `client_id:client_secret`. */
  credential: string;
  /** For messages: `connector.action`. */
  name: string;
  signal?: AbortSignal | undefined;
  /** The definition's own wait header, if it names one (CrowdStrike's epoch seconds). */
  retryAfter?: ConnectorRetryAfter | undefined;
}

export interface TokenCacheOptions {
  http: HttpClient;
  now: () => number;
  /** A token is fetched again this long before it expires. */
  skewMs: number;
  /** Waits between attempts (the connector client's, so tests record instead of waiting). */
  sleep: (ms: number) => Promise<void>;
  /** Token requests per token, the first included. */
  maxAttempts: number;
  /** The longest wait between attempts; a longer Retry-After ends at once. */
  maxWaitMs: number;
  /** The first wait when the answer says nothing; doubled per attempt. */
  backoffMs: number;
}

export interface TokenCache {
  /** A valid access token (cached when it can be); `stale` is dropped first (the API answered 401 to it). */
  token(req: TokenRequest, stale?: string): Promise<string>;
}

interface Entry {
  token: Promise<string>;
  /** When it must be fetched again; Infinity while the request is in flight. */
  expiresAt: number;
}

/** Splits `client_id:client_secret` at the first colon (client ids carry none; secrets may). */
export function clientParts(credential: string): { clientId: string; secret: string } {
  const at = credential.indexOf(':');
  if (at <= 0) return { clientId: '', secret: '' };
  return { clientId: credential.slice(0, at), secret: credential.slice(at + 1) };
}

export function createTokenCache(options: TokenCacheOptions): TokenCache {
  const { now, skewMs } = options;
  const entries = new Map<string, Entry>();

  return {
    async token(req, stale) {
      const { clientId, secret } = clientParts(req.credential);
      if (!clientId || !secret) {
        throw new ConnectorError('invalid_params', `${req.name}: the credential is not client_id:client_secret`);
      }
      // The secret is part of the key (hashed) so that a wrong secret never borrows a good one's token.
      const digest = createHash('sha256').update(secret).digest('base64url');
      const key = JSON.stringify([req.tokenUrl, clientId, digest, req.auth.scopes]);
      const cached = entries.get(key);
      if (cached && cached.expiresAt > now()) {
        const held = await cached.token.catch(() => undefined);
        if (held !== undefined && held !== stale) return held;
      }
      const entry: Entry = { token: Promise.resolve(''), expiresAt: Infinity };
      entry.token = fetchWithRetries(options, req, clientId, secret).then(
        (got) => {
          entry.expiresAt = now() + Math.max(0, (got.expiresIn ?? DEFAULT_LIFETIME_MS / 1000) * 1000 - skewMs);
          return got.token;
        },
        (e: unknown) => {
          if (entries.get(key) === entry) entries.delete(key);
          throw e;
        },
      );
      entries.set(key, entry);
      return entry.token;
    },
  };
}

type Got = { token: string; expiresIn: number | undefined };

/**
 * Token requests until one succeeds, fails for good, or the attempts run out. Only a 429 or
 * a 5xx is tried again (a client credentials grant changes nothing, so repeating it is safe);
 * a wrong secret, a refusal or an unreadable answer ends at once.
 */
async function fetchWithRetries(
  options: TokenCacheOptions,
  req: TokenRequest,
  clientId: string,
  secret: string,
): Promise<Got> {
  const { sleep, maxAttempts, maxWaitMs, backoffMs } = options;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fetchToken(options.http, options.now, req, clientId, secret);
    } catch (e) {
      // Retryable with a status means a 429 or 5xx; a network failure is not retried, as on the API.
      if (!(e instanceof ConnectorError) || !e.retryable || e.status === undefined) throw e;
      const pause = e.retryAfterMs ?? backoffMs * 2 ** (attempt - 1);
      if (attempt >= maxAttempts || pause > maxWaitMs) {
        const tries = attempt > 1 ? ` after ${attempt} attempts` : '';
        throw new ConnectorError(e.kind, `${e.message}${tries}`, e.details);
      }
      await sleep(pause);
    }
  }
}

async function fetchToken(
  http: HttpClient,
  now: () => number,
  req: TokenRequest,
  clientId: string,
  secret: string,
): Promise<Got> {
  const secrets = [req.credential, secret];
  const as: oauth.AuthorizationServer = { issuer: new URL(req.tokenUrl).origin, token_endpoint: req.tokenUrl };
  const client: oauth.Client = { client_id: clientId };
  const clientAuth =
    req.auth.clientAuth === 'client_secret_post' ? oauth.ClientSecretPost(secret) : oauth.ClientSecretBasic(secret);
  const params: Record<string, string> = req.auth.scopes.length > 0 ? { scope: req.auth.scopes.join(' ') } : {};
  let last: OutboundResponse | undefined;
  const guardedFetch = async (url: string, init: oauth.CustomFetchOptions<string, unknown>): Promise<Response> => {
    const res = await http.request({
      method: init.method === 'GET' ? 'GET' : 'POST',
      url,
      headers: init.headers,
      ...(init.body === undefined || init.body === null ? {} : { body: String(init.body) }),
      ...(init.signal ? { signal: init.signal } : {}),
      sensitiveHeaders: ['authorization'],
    });
    last = res;
    const empty = [101, 204, 205, 304].includes(res.status);
    // CrowdStrike issues its tokens with 201 Created; RFC 6749 §5.1 (and oauth4webapi) say 200.
    const status = res.status === 201 ? 200 : res.status;
    return new Response(empty ? null : new Uint8Array(res.body), { status, headers: res.headers });
  };
  try {
    const response = await oauth.clientCredentialsGrantRequest(as, client, clientAuth, params, {
      [oauth.customFetch]: guardedFetch,
      // Only a definition (or a test's mock) that names an http:// token URL gets one.
      [oauth.allowInsecureRequests]: req.tokenUrl.startsWith('http:'),
      ...(req.signal ? { signal: req.signal } : {}),
    });
    const body = await oauth.processClientCredentialsResponse(as, client, response);
    if (body.token_type !== 'bearer') {
      throw new ConnectorError('bad_response', `${req.name}: the token endpoint gave a ${body.token_type} token`);
    }
    return { token: body.access_token, expiresIn: body.expires_in };
  } catch (e) {
    if (e instanceof ConnectorError) throw e;
    const message = scrubText(e instanceof Error ? e.message : String(e), secrets);
    if (e instanceof OutboundRefusedError) throw new ConnectorError('refused', `${req.name}: token URL ${message}`);
    if (last && (last.status < 200 || last.status >= 300)) {
      // An RFC 6749 error code when the body has one, else a scrubbed snippet of the vendor's body.
      const rfc = e instanceof oauth.ResponseBodyError ? e.error : undefined;
      const said = scrubText(rfc ?? last.body.toString('utf8'), secrets).slice(0, 200);
      const kind =
        (rfc !== undefined && AUTH_CODES.has(rfc)) || last.status === 401 ? 'auth' : kindOfStatus(last.status);
      const wait = askedWaitMs(last.headers, now(), req.retryAfter);
      throw new ConnectorError(kind, `${req.name}: the token endpoint answered ${last.status} ${said}`.trimEnd(), {
        status: last.status,
        retryable: last.status === 429 || last.status >= 500,
        ...(wait === undefined ? {} : { retryAfterMs: wait }),
      });
    }
    if (last) throw new ConnectorError('bad_response', `${req.name}: the token endpoint's answer: ${message}`);
    throw new ConnectorError('network', `${req.name}: token URL: ${message}`, { retryable: true });
  }
}
