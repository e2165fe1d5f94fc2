/**
 * One action's HTTP request from its definition: templates filled with the (checked)
 * params, the credential applied as the definition's auth says. Placeholders hold param
 * names only (the definition schema refuses anything else), so filling is a lookup.
 */
import {
  authOf,
  splitTemplate,
  type ConnectorAction,
  type ConnectorAuth,
  type ConnectorDefinition,
} from '@autonomic/workflow';
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
  /** What templates may name besides params (`context.runId`, `context.idempotencyKey`). */
  context?: Params;
}

const METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The step's route of a gateway action (`route`): its path param as written, which must
 * be a path (so the base URL's origin stays the request's), and its method param.
 */
function routeOf(
  action: ConnectorAction,
  params: Params,
  name: string,
): { method: Dispatcher.HttpMethod; path?: string } {
  if (!action.route) return { method: action.method };
  const path = params[action.route.path];
  if (typeof path !== 'string' || !path.startsWith('/')) {
    throw new ConnectorError(
      'invalid_params',
      `${name}: the ${action.route.path} param must be a path starting with / (the credential's base URL gives the origin)`,
    );
  }
  const method = action.route.method === undefined ? undefined : params[action.route.method];
  if (method === undefined) return { method: action.method, path };
  if (typeof method !== 'string' || !METHODS.has(method)) {
    throw new ConnectorError('invalid_params', `${name}: ${String(method).slice(0, 20)} is not an HTTP method`);
  }
  return { method: method as Dispatcher.HttpMethod, path };
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
  context = {},
}: RequestInput): PreparedRequest {
  const name = `${definition.id}.${actionId}`;
  const auth = authOf(definition, settings);
  if (!auth) throw new ConnectorError('invalid_params', `${name}: the credential's auth setting names no auth option`);
  const route = routeOf(action, params, name);
  const base = fill(baseUrl ?? definition.baseUrl, { ...params, ...settings }, encodeURIComponent);
  const path = route.path ?? fill(action.path, params, encodeURIComponent);
  if (base === undefined || path === undefined) {
    throw new ConnectorError('invalid_params', `${name}: a param of the URL is missing`);
  }
  const url =
    auth.type === 'webhook_url'
      ? webhookUrl(credential, base, path, name)
      : new URL(`${base.replace(/\/+$/, '')}${path}`);
  // A step's path is appended as written: it must not reach another origin than the base URL's.
  if (route.path !== undefined && url.origin !== new URL(base).origin) {
    throw new ConnectorError('invalid_params', `${name}: the path leaves the base URL's origin`);
  }
  const values = { ...params, ...context };
  for (const [k, v] of fillRecord(action.query, values)) url.searchParams.append(k, v);
  const accept = action.responseType === 'text' ? 'text/plain, */*' : 'application/json';
  const headers: Record<string, string> = { accept };
  for (const [k, v] of fillRecord(action.headers, values)) headers[k.toLowerCase()] = v;
  const filled = action.body === undefined ? undefined : fillBody(action.body, values);
  const applied = applyAuth({ auth, credential, token, url, headers, settings, body: filled }, definition.id);
  const body = filled === undefined ? undefined : encodeBody(filled, action.bodyType ?? 'json', headers, name);
  return {
    method: route.method,
    url: url.toString(),
    headers,
    ...(body === undefined ? {} : { body }),
    sensitiveHeaders: applied.header ? [applied.header] : [],
    secrets: applied.secrets,
  };
}

/**
 * The filled body as JSON, or as a form: one level of names and text, a number or boolean
 * written as text, a field whose param was not given left out (the definition checks
 * refuse nested fields; a param that holds an object or a list is refused here).
 */
function encodeBody(body: unknown, type: 'json' | 'form', headers: Record<string, string>, name: string): string {
  if (type === 'json') {
    headers['content-type'] = 'application/json';
    return JSON.stringify(body);
  }
  const form = new URLSearchParams();
  for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
    if (v === undefined || v === null || v === '') continue;
    if (typeof v === 'object') throw new ConnectorError('invalid_params', `${name}: form field ${k} is not text`);
    form.append(k, String(v));
  }
  headers['content-type'] = 'application/x-www-form-urlencoded';
  return form.toString();
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
  // An explicit default port (Workflows URLs carry `:443`) writes the same URL: compare without it.
  const written = credential.replace(/^(https:\/\/[^/?#:@]+):443(?=[/?]|$)/i, '$1');
  if (!written.startsWith(root) || written.length === root.length || url.href !== written || url.hash) {
    throw new ConnectorError('invalid_params', `${name}: the credential is not a webhook URL under ${root}`);
  }
  if (path === '/') return url;
  // A Workflows (Power Automate) URL signs its query (`sig=`): it stays after the action's path.
  const at = new URL(`${url.origin}${url.pathname.replace(/\/+$/, '')}${path}`);
  for (const [k, v] of url.searchParams) at.searchParams.append(k, v);
  return at;
}

interface AuthTarget {
  auth: ConnectorAuth;
  credential: string;
  token: string | undefined;
  url: URL;
  headers: Record<string, string>;
  settings: Params;
  /** The filled body, an object when the key goes in it (the definition checks make sure of that). */
  body: unknown;
}

const HEADER_NAME = /^[A-Za-z0-9-]{1,64}$/;

/** Puts the credential where the (credential's) auth says; returns the header it used and its forms. */
function applyAuth(
  { auth, credential, token, url, headers, settings, body }: AuthTarget,
  connector: string,
): { header?: string; secrets: string[] } {
  switch (auth.type) {
    case 'api_key': {
      const chosen = auth.nameSetting === undefined ? undefined : settings[auth.nameSetting];
      const name = typeof chosen === 'string' && chosen !== '' ? chosen : auth.name;
      if (auth.in === 'query') {
        url.searchParams.set(name, credential);
        return { secrets: [credential] };
      }
      if (auth.in === 'body') {
        if (typeof body !== 'object' || body === null || Array.isArray(body))
          throw new ConnectorError('invalid_params', `${connector}: the request has no body to carry the key`);
        // Set last, so a param cannot replace the credential with a value of its own.
        (body as Record<string, unknown>)[name] = credential;
        return { secrets: [credential] };
      }
      if (!HEADER_NAME.test(name))
        throw new ConnectorError('invalid_params', `${connector}: the header setting is not a header name`);
      headers[name.toLowerCase()] = `${auth.prefix ?? ''}${credential}`;
      return { header: name.toLowerCase(), secrets: [credential] };
    }
    case 'none':
      // Nothing is sent; the value is still kept out of messages in case it is used elsewhere.
      return { secrets: [credential] };
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
      // The whole URL, its path and its last segment (Slack's secret part) are each secret,
      // and so are its query's values (a Workflows URL's `sig`), raw and decoded.
      const { href, pathname, search, searchParams } = new URL(credential);
      const last = pathname.split('/').filter(Boolean).pop() ?? '';
      const query = search === '' ? [] : [search.slice(1), ...[...searchParams.values()].filter((v) => v.length >= 8)];
      const encoded = query.map((v) => encodeURIComponent(v)).filter((v) => !query.includes(v));
      return { secrets: [credential, href, pathname, last, ...query, ...encoded] };
    }
    case 'oauth2_client_credentials': {
      if (token === undefined) throw new ConnectorError('unsupported', `${connector}: no OAuth2 token was obtained`);
      headers['authorization'] = `Bearer ${token}`;
      const secret = credential.slice(credential.indexOf(':') + 1);
      return { header: 'authorization', secrets: [credential, secret, token] };
    }
  }
}
