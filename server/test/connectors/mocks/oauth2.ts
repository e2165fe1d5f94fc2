/**
 * An OAuth2 authorization server and the API it guards, Microsoft-style: the token endpoint
 * at `/<tenant>/oauth2/v2.0/token` takes client credentials (HTTP basic, RFC 6749 §2.3.1) and
 * answers `{ token_type: 'Bearer', expires_in, access_token }`, or 401 `invalid_client` with
 * an AADSTS description; the API (`/v1.0/users/<id>`) takes the bearer tokens it issued and
 * not revoked. The test counts token requests, revokes tokens and makes the token endpoint
 * fail (a 503 `temporarily_unavailable`, as Entra answers during an outage).
 */
import { startVendorMock, type MockRequest, type VendorMock } from '../../../connectors/vendor-mock';

export const CLIENT_ID = '6731de76-14a6-49ae-97bc-6eba6914391e';
export const CLIENT_SECRET = 'qWgdYAmab0YSkuL1qKv5bPX~sec.ret';
export const TENANT = 'contoso.onmicrosoft.com';
export const SCOPE = 'https://graph.microsoft.com/.default';

export interface OAuth2Mock extends VendorMock {
  /** Every token request, in order. */
  tokenRequests: MockRequest[];
  /** Tokens the API no longer takes. */
  revoked: Set<string>;
  /** The next `times` token requests answer `status` (503 by default) with an RFC 6749 error body. */
  failTokens(times: number, status?: number): void;
  options: {
    /** Every token issued from now on is revoked at once (an API that refuses the client). */
    refuseAll: boolean;
    /** The `expires_in` of the tokens issued from now on. @default 3600 */
    expiresIn: number;
  };
}

const bearer = (req: MockRequest) => /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];

export async function startOAuth2Mock(): Promise<OAuth2Mock> {
  const tokenRequests: MockRequest[] = [];
  const issued = new Set<string>();
  const state = { refuseAll: false, expiresIn: 3600 };
  const revoked = new Set<string>();
  const isToken = (req: MockRequest) => req.path === `/${TENANT}/oauth2/v2.0/token`;
  const failing = { times: 0, status: 503 };

  const token = (req: MockRequest) => {
    tokenRequests.push(req);
    if (failing.times > 0) {
      failing.times--;
      return {
        status: failing.status,
        body: { error: 'temporarily_unavailable', error_description: 'AADSTS90033: A transient error has occurred.' },
      };
    }
    const form = new URLSearchParams(req.body);
    const basic = Buffer.from((req.headers.authorization ?? '').replace(/^Basic /, ''), 'base64').toString();
    const [id = '', secret = ''] = basic.split(':').map(decodeURIComponent);
    if (id !== CLIENT_ID || secret !== CLIENT_SECRET) {
      // Entra's real answer names the client; a careless server might echo more, so this one does.
      return {
        status: 401,
        body: {
          error: 'invalid_client',
          error_description: `AADSTS7000215: Invalid client secret provided (${secret}).`,
          error_codes: [7000215],
        },
      };
    }
    if (form.get('grant_type') !== 'client_credentials' || form.get('scope') !== SCOPE) {
      return { status: 400, body: { error: 'invalid_scope', error_description: 'AADSTS70011: bad scope.' } };
    }
    const value = `eyJ0eXAiOiJKV1Qi.tok-${tokenRequests.length}`;
    issued.add(value);
    if (state.refuseAll) revoked.add(value);
    return {
      status: 200,
      body: { token_type: 'Bearer', expires_in: state.expiresIn, ext_expires_in: state.expiresIn, access_token: value },
    };
  };

  const mock = await startVendorMock({
    authFailure(req) {
      if (isToken(req)) return undefined;
      const t = bearer(req);
      if (t && issued.has(t) && !revoked.has(t)) return undefined;
      return {
        status: 401,
        body: {
          error: { code: 'InvalidAuthenticationToken', message: 'Access token has expired or is not yet valid.' },
        },
      };
    },
    rateLimited: (seconds) => ({
      status: 429,
      body: { error: { code: 'TooManyRequests', message: 'Too many requests.' } },
      headers: { 'retry-after': String(seconds) },
    }),
    route(req) {
      if (isToken(req)) return token(req);
      const user = /^\/v1\.0\/users\/([^/]+)$/.exec(req.path)?.[1];
      if (req.method === 'GET' && user) {
        return {
          status: 200,
          body: {
            id: '87d349ed-44d7-43e1-9a83-5f2406dee5bd',
            userPrincipalName: decodeURIComponent(user),
            accountEnabled: true,
          },
        };
      }
      return { status: 404, body: { error: { code: 'Request_ResourceNotFound', message: 'Not found.' } } };
    },
  });
  const failTokens = (times: number, status = 503) => Object.assign(failing, { times, status });
  return Object.assign(mock, { tokenRequests, revoked, options: state, failTokens });
}
