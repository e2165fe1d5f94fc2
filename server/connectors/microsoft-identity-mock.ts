/**
 * The Microsoft identity platform's token endpoint as the mocks of Microsoft's APIs answer it:
 * `POST /{tenant}/oauth2/v2.0/token` with the client credentials grant in the form, answering
 * `{ token_type: 'Bearer', expires_in: 3599, access_token }` or its AADSTS errors (400
 * invalid_request for an unknown tenant, unsupported_grant_type, invalid_scope,
 * unauthorized_client for an unknown app; 401 invalid_client for a wrong secret).
 */
import { randomUUID } from 'node:crypto';
import type { MockAnswer, MockRequest } from './vendor-mock';

/** An app registration: its secret and the application permissions (roles) granted to it. */
export interface MicrosoftApp {
  secret: string;
  roles: ReadonlySet<string>;
}

export interface MicrosoftTokenEndpoint {
  /** Every token request, in order. */
  tokenRequests: MockRequest[];
  /** The answer to a request whose path is a token path; undefined for any other path. */
  answer(req: MockRequest): MockAnswer | undefined;
  /** The app a request's bearer token was issued to; undefined for an unknown or missing token. */
  appOf(req: MockRequest): { appId: string; roles: ReadonlySet<string> } | undefined;
}

const TOKEN_PATH = /^\/([^/]+)\/oauth2\/v2\.0\/token$/;

/** Whether the path is the token endpoint's (it takes no bearer token). */
export const isTokenPath = (path: string): boolean => TOKEN_PATH.test(path);

/** The identity platform's token error: RFC 6749 fields plus AADSTS codes. */
export const aadError = (status: number, error: string, code: number, description: string): MockAnswer => ({
  status,
  body: {
    error,
    error_description: `AADSTS${code}: ${description} Trace ID: ${randomUUID()} Correlation ID: ${randomUUID()} Timestamp: 2026-12-05 22:00:00Z`,
    error_codes: [code],
    timestamp: '2026-12-05 22:00:00Z',
    trace_id: randomUUID(),
    correlation_id: randomUUID(),
  },
});

export function microsoftTokenEndpoint(o: {
  /** The tenant ids (and verified domains) the directory answers to. */
  tenants: readonly string[];
  /** The one scope the API accepts (`https://graph.microsoft.com/.default`). */
  scope: string;
  apps: ReadonlyMap<string, MicrosoftApp>;
  /** Marks the tokens this mock issues (`graph`, `mde`). */
  tokenPrefix: string;
}): MicrosoftTokenEndpoint {
  const tokenRequests: MockRequest[] = [];
  const issued = new Map<string, { appId: string; roles: ReadonlySet<string> }>();
  const issue = (req: MockRequest, tenant: string): MockAnswer => {
    tokenRequests.push(req);
    if (!o.tenants.includes(tenant)) return aadError(400, 'invalid_request', 90002, `Tenant '${tenant}' not found.`);
    const form = new URLSearchParams(req.body);
    if (form.get('grant_type') !== 'client_credentials') {
      return aadError(400, 'unsupported_grant_type', 70003, 'The app requested an unsupported grant type.');
    }
    if (form.get('scope') !== o.scope) {
      return aadError(400, 'invalid_scope', 1002012, 'The provided value for scope is not valid.');
    }
    const appId = form.get('client_id') ?? '';
    const app = o.apps.get(appId);
    if (!app) {
      return aadError(400, 'unauthorized_client', 700016, `Application with identifier '${appId}' was not found.`);
    }
    if (form.get('client_secret') !== app.secret) {
      return aadError(401, 'invalid_client', 7000215, 'Invalid client secret provided.');
    }
    const value = `eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.${o.tokenPrefix}-${tokenRequests.length}`;
    issued.set(value, { appId, roles: app.roles });
    return { status: 200, body: { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: value } };
  };
  return {
    tokenRequests,
    answer(req) {
      const tenant = TOKEN_PATH.exec(req.path)?.[1];
      if (tenant === undefined || req.method !== 'POST') return undefined;
      return issue(req, decodeURIComponent(tenant));
    },
    appOf(req) {
      const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      return token === undefined ? undefined : issued.get(token);
    },
  };
}
