/**
 * One action's HTTP request from its definition: templates filled with the (checked)
 * params, the credential applied as the definition's auth says. Placeholders hold param
 * names only (the definition schema refuses anything else), so filling is a lookup.
 */
import { splitTemplate, type ConnectorAction, type ConnectorAuth, type ConnectorDefinition } from '@autonomic/workflow';
import type { Dispatcher } from 'undici';
import { ConnectorError } from './errors';

export interface PreparedRequest {
  method: Dispatcher.HttpMethod;
  url: string;
  headers: Record<string, string>;
  body?: string;
  /** Headers not to follow a redirect to another origin. */
  sensitiveHeaders: string[];
  /** Every form of the credential the request carries, to keep out of messages and outputs. */
  secrets: string[];
}

type Params = Record<string, unknown>;

/** A param value as text: strings as they are, other values as JSON. */
function asText(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** The template filled in; undefined when it uses a param that was not given. */
function fill(template: string, params: Params, encode: (s: string) => string = (s) => s): string | undefined {
  let out = '';
  for (const part of splitTemplate(template)) {
    if (part.kind === 'text') out += part.text;
    else {
      const v = params[part.source];
      if (v === undefined || v === null) return undefined;
      out += encode(asText(v));
    }
  }
  return out;
}

/** A URL template (base URL, token URL) filled with URL-encoded values; undefined when one is missing. */
export function fillUrl(template: string, values: Params): string | undefined {
  return fill(template, values, encodeURIComponent);
}

/** A body string that is one placeholder keeps the param's type (a number stays a number). */
export function fillBody(value: unknown, params: Params): unknown {
  if (typeof value === 'string') {
    const parts = splitTemplate(value);
    const [only] = parts;
    if (parts.length === 1 && only?.kind === 'expr') return params[only.source];
    return fill(value, params);
  }
  if (Array.isArray(value)) return value.map((v) => fillBody(v, params) ?? null);
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const filled = fillBody(v, params);
      if (filled !== undefined) out[k] = filled;
    }
    return out;
  }
  return value;
}

/** `{ k: template }` filled; an entry whose param was not given is left out. */
function fillRecord(record: Record<string, string> | undefined, params: Params): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const [k, template] of Object.entries(record ?? {})) {
    const v = fill(template, params);
    if (v !== undefined) out.push([k, v]);
  }
  return out;
}

export interface RequestInput {
  definition: ConnectorDefinition;
  actionId: string;
  action: ConnectorAction;
  params: Params;
  credential: string;
  /** The credential's (checked) settings; they fill base URL placeholders before params do. */
  settings?: Record<string, unknown>;
  /** Replaces the definition's base URL (an on-premises appliance, a test's mock). */
  baseUrl?: string | undefined;
  /** The OAuth2 access token, for a definition whose auth is client credentials. */
  token?: string | undefined;
}

export function prepareRequest({
  definition,
  actionId,
  action,
  params,
  credential,
  settings = {},
  baseUrl,
  token,
}: RequestInput): PreparedRequest {
  const base = fill(baseUrl ?? definition.baseUrl, { ...params, ...settings }, encodeURIComponent);
  const path = fill(action.path, params, encodeURIComponent);
  if (base === undefined || path === undefined) {
    throw new ConnectorError('invalid_params', `${definition.id}.${actionId}: a param of the URL is missing`);
  }
  const name = `${definition.id}.${actionId}`;
  const url =
    definition.auth.type === 'webhook_url'
      ? webhookUrl(credential, base, path, name)
      : new URL(`${base.replace(/\/+$/, '')}${path}`);
  for (const [k, v] of fillRecord(action.query, params)) url.searchParams.append(k, v);
  const accept = action.responseType === 'text' ? 'text/plain, */*' : 'application/json';
  const headers: Record<string, string> = { accept };
  for (const [k, v] of fillRecord(action.headers, params)) headers[k.toLowerCase()] = v;
  let body: string | undefined;
  if (action.body !== undefined) {
    body = JSON.stringify(fillBody(action.body, params));
    headers['content-type'] = 'application/json';
  }
  const auth = applyAuth(definition.auth, credential, token, url, headers, definition.id);
  return {
    method: action.method,
    url: url.toString(),
    headers,
    ...(body === undefined ? {} : { body }),
    sensitiveHeaders: auth.header ? [auth.header] : [],
    secrets: auth.secrets,
  };
}

/**
 * A webhook URL credential, refused unless it lies under the base URL (so a credential
 * cannot send a step's data anywhere else); the action's path is appended unless it is `/`.
 * The message never shows the URL: it is the secret.
 */
function webhookUrl(credential: string, base: string, path: string, name: string): URL {
  const root = `${base.replace(/\/+$/, '')}/`;
  let url: URL;
  try {
    url = new URL(credential);
  } catch {
    throw new ConnectorError('invalid_params', `${name}: the credential is not a URL`);
  }
  if (
    !credential.startsWith(root) ||
    credential.length === root.length ||
    url.href !== credential ||
    url.search ||
    url.hash
  ) {
    throw new ConnectorError('invalid_params', `${name}: the credential is not a webhook URL under ${root}`);
  }
  return new URL(path === '/' ? credential : `${credential.replace(/\/+$/, '')}${path}`);
}

/** Puts the credential where the definition says; returns the header it used and its forms. */
function applyAuth(
  auth: ConnectorAuth,
  credential: string,
  token: string | undefined,
  url: URL,
  headers: Record<string, string>,
  connector: string,
): { header?: string; secrets: string[] } {
  switch (auth.type) {
    case 'api_key':
      if (auth.in === 'query') {
        url.searchParams.set(auth.name, credential);
        return { secrets: [credential] };
      }
      headers[auth.name.toLowerCase()] = credential;
      return { header: auth.name.toLowerCase(), secrets: [credential] };
    case 'bearer':
      headers['authorization'] = `Bearer ${credential}`;
      return { header: 'authorization', secrets: [credential] };
    case 'basic': {
      // The credential is `user:password`; the password alone must not leak either.
      const encoded = Buffer.from(credential, 'utf8').toString('base64');
      headers['authorization'] = `Basic ${encoded}`;
      const password = credential.slice(credential.indexOf(':') + 1);
      return { header: 'authorization', secrets: [credential, encoded, password] };
    }
    case 'webhook_url': {
      // The whole URL, its path and its last segment (Slack's secret part) are each secret.
      const { pathname } = new URL(credential);
      const last = pathname.split('/').filter(Boolean).pop() ?? '';
      return { secrets: [credential, pathname, last] };
    }
    case 'oauth2_client_credentials': {
      if (token === undefined) throw new ConnectorError('unsupported', `${connector}: no OAuth2 token was obtained`);
      headers['authorization'] = `Bearer ${token}`;
      const secret = credential.slice(credential.indexOf(':') + 1);
      return { header: 'authorization', secrets: [credential, secret, token] };
    }
  }
}
