/**
 * Where a connector made from an OpenAPI document sends its requests and how it signs
 * them: the base URL from `servers[0]` (its variables become required credential
 * settings), and the connector auth from the security schemes the document asks for
 * (apiKey in a header or the query, http bearer or basic, OAuth2 client credentials).
 * Anything else is reported with the reason, never guessed. Pure.
 */
import type { OpenApiAuthScheme, OpenApiProblem } from '@autonomic/api';
import type { ConnectorAuth, ConnectorSettingsSchema } from '@autonomic/workflow';
import { followRefs, isObject, messageOf, type JsonObject, type OpenApiDocument } from './openapi-document';

export interface ServerChoice {
  /** A template: `https://{{ region }}.api.acme.example/v2`, or null when unusable. */
  baseUrl: string | null;
  settings?: ConnectorSettingsSchema;
  servers: string[];
  problems: OpenApiProblem[];
}

/** A server variable's name as a setting (a param name). */
export const paramNameOf = (name: string): string => {
  // `__proto__` as a key would set an object's prototype, not add a setting.
  const slug = (name === '__proto__' ? 'proto' : name).replace(/[^A-Za-z0-9_]/g, '_').slice(0, 64);
  return /^[A-Za-z_]/.test(slug) ? slug : `_${slug}`.slice(0, 64);
};

/** The base URL and settings from `servers[0]`. */
export function serverOf(doc: OpenApiDocument): ServerChoice {
  const list = Array.isArray(doc.root['servers']) ? doc.root['servers'].filter(isObject) : [];
  const servers = list.map((s) => String(s['url'] ?? ''));
  const problems: OpenApiProblem[] = [];
  const first = list[0];
  let url = typeof first?.['url'] === 'string' ? first['url'].trim() : '/';
  const properties: Record<string, JsonObject> = {};
  const variables = isObject(first?.['variables']) ? first['variables'] : {};
  url = url.replace(/\{([^{}]+)\}/g, (_m, name: string) => {
    const setting = paramNameOf(name);
    const v = variables[name];
    const schema: JsonObject = { type: 'string', description: `Server variable ${name} of servers[0]` };
    if (isObject(v) && typeof v['default'] === 'string') schema['default'] = v['default'];
    if (isObject(v) && Array.isArray(v['enum'])) schema['enum'] = v['enum'].filter((e) => typeof e === 'string');
    if (isObject(v) && typeof v['description'] === 'string') schema['description'] = v['description'].slice(0, 500);
    properties[setting] = schema;
    return `{{ ${setting} }}`;
  });
  if (!/^[a-z][a-z0-9+.-]*:/i.test(url)) {
    // A relative server URL is relative to where the document was served from, which the server does not know.
    properties['host'] = { type: 'string', description: 'The API host, e.g. api.vendor.example' };
    problems.push({
      path: list.length > 0 ? 'servers.0.url' : 'servers',
      message: `${list.length > 0 ? `the server URL ${url} is relative` : 'the document names no server'}: the base URL is https://{{ host }}${url === '/' ? '' : url}, with host a setting of each credential`,
    });
    url = `https://{{ host }}${url.startsWith('/') ? url : `/${url}`}`;
  }
  url = url.replace(/\/+$/, '');
  if (!/^https?:\/\/[^/]/.test(url)) {
    problems.push({ path: 'servers.0.url', message: `${url} is not an http(s) URL: a connector calls http(s) APIs` });
    return { baseUrl: null, servers, problems };
  }
  if (servers.length > 1) {
    problems.push({
      path: 'servers',
      message: `${servers.length} servers: the connector uses the first; a credential's base URL may point at another`,
    });
  }
  const names = Object.keys(properties);
  return {
    baseUrl: url,
    ...(names.length > 0 ? { settings: { type: 'object' as const, properties, required: names } } : {}),
    servers,
    problems,
  };
}

interface Mapped {
  scheme: OpenApiAuthScheme;
  auth?: ConnectorAuth;
}

function mapScheme(doc: OpenApiDocument, name: string, raw: unknown, scopes: string[]): Mapped {
  let s: unknown;
  try {
    s = followRefs(doc, raw, ['components', 'securitySchemes', name]);
  } catch (e) {
    return { scheme: { name, type: 'unknown', detail: messageOf(e), supported: false } };
  }
  if (!isObject(s)) return { scheme: { name, type: 'unknown', detail: 'not a security scheme', supported: false } };
  const type = String(s['type']);
  const no = (detail: string, shown = type): Mapped => ({ scheme: { name, type: shown, detail, supported: false } });
  const yes = (auth: ConnectorAuth, detail: string, shown = type): Mapped => ({
    scheme: { name, type: shown, authType: auth.type, detail, supported: true },
    auth,
  });
  if (type === 'apiKey') {
    const where = String(s['in']);
    const key = String(s['name'] ?? '');
    if (!/^[A-Za-z0-9_.\-[\]]{1,128}$/.test(key)) return no(`the key name ${key.slice(0, 80)} cannot be sent`);
    if (where === 'header' && /^[A-Za-z0-9-]{1,64}$/.test(key)) {
      return yes({ type: 'api_key', in: 'header', name: key }, `the key in the header ${key}`);
    }
    if (where === 'query')
      return yes({ type: 'api_key', in: 'query', name: key }, `the key in the query parameter ${key}`);
    return no(where === 'cookie' ? 'a key in a cookie: connectors do not send cookies' : `a key in ${where}`);
  }
  if (type === 'http') {
    const scheme = String(s['scheme'] ?? '').toLowerCase();
    if (scheme === 'bearer') return yes({ type: 'bearer' }, 'Authorization: Bearer <credential>', 'http bearer');
    if (scheme === 'basic')
      return yes({ type: 'basic' }, 'Authorization: Basic, the credential as user:password', 'http basic');
    return no(`HTTP ${scheme} authentication is not one a connector sends (bearer or basic)`, `http ${scheme}`);
  }
  if (type === 'oauth2') {
    const flow = isObject(s['flows']) ? s['flows']['clientCredentials'] : undefined;
    if (!isObject(flow)) {
      return no('OAuth2 without the client credentials flow needs a person to sign in: a connector cannot');
    }
    const tokenUrl = typeof flow['tokenUrl'] === 'string' ? flow['tokenUrl'] : '';
    if (!/^https?:\/\/[^/]/.test(tokenUrl)) {
      return no(`the token URL ${tokenUrl.slice(0, 200)} is not an absolute http(s) URL`);
    }
    const all = isObject(flow['scopes']) ? Object.keys(flow['scopes']) : [];
    const chosen = (scopes.length > 0 ? scopes : all).slice(0, 50);
    return yes(
      { type: 'oauth2_client_credentials', tokenUrl, scopes: chosen, clientAuth: 'client_secret_basic' },
      `client credentials at ${tokenUrl}${chosen.length > 0 ? ` (scopes ${chosen.join(' ')})` : ''}; the credential is client_id:client_secret`,
    );
  }
  if (type === 'openIdConnect') return no('OpenID Connect needs a person to sign in: a connector cannot');
  if (type === 'mutualTLS') return no('mutual TLS client certificates are not supported by connectors');
  return no(`unknown security scheme type ${type.slice(0, 40)}`);
}

export interface AuthChoice {
  auth: ConnectorAuth;
  /** The scheme the connector uses, or null for `none`. */
  chosen: string | null;
  schemes: OpenApiAuthScheme[];
  problems: OpenApiProblem[];
}

/** The security requirement objects of `security` (a list of `{ scheme: scopes }`). */
export const requirementsOf = (security: unknown): Array<Record<string, string[]>> =>
  Array.isArray(security)
    ? security
        .filter(isObject)
        .map((r) =>
          Object.fromEntries(
            Object.entries(r).map(([k, v]) => [k, Array.isArray(v) ? v.filter((x) => typeof x === 'string') : []]),
          ),
        )
    : [];

/**
 * The connector's auth: the first requirement of the document's `security` made of one
 * supported scheme, else the first supported scheme; `none` (reported) when there is none.
 */
export function authOfDocument(doc: OpenApiDocument): AuthChoice {
  const components = isObject(doc.root['components']) ? doc.root['components'] : {};
  const raw = isObject(components['securitySchemes']) ? components['securitySchemes'] : {};
  const requirements = requirementsOf(doc.root['security']);
  const scopesOf = (name: string) => requirements.find((r) => name in r)?.[name] ?? [];
  const mapped = new Map(Object.entries(raw).map(([name, s]) => [name, mapScheme(doc, name, s, scopesOf(name))]));
  const schemes = [...mapped.values()].map((m) => m.scheme);
  const problems: OpenApiProblem[] = schemes
    .filter((s) => !s.supported)
    .map((s) => ({ path: `components.securitySchemes.${s.name}`, message: `not supported: ${s.detail}` }));
  const wanted = requirements.flatMap((r) => Object.keys(r));
  for (const name of wanted.filter((n) => !mapped.has(n))) {
    problems.push({ path: 'security', message: `${name} is not a declared security scheme` });
  }
  const usable = (name: string) => mapped.get(name)?.auth !== undefined;
  const fromRequirements = requirements.find((r) => Object.keys(r).length >= 1 && Object.keys(r).every(usable));
  let chosen = fromRequirements ? Object.keys(fromRequirements)[0] : [...mapped.keys()].find(usable);
  if (fromRequirements && Object.keys(fromRequirements).length > 1) {
    problems.push({
      path: 'security',
      message: `the requirement ${Object.keys(fromRequirements).join(' + ')} asks for several schemes at once: the connector sends only ${chosen}`,
    });
  }
  const auth = chosen === undefined ? undefined : mapped.get(chosen)?.auth;
  if (!auth || chosen === undefined) {
    chosen = undefined;
    problems.push({
      path: 'components.securitySchemes',
      message:
        schemes.length === 0
          ? 'the document declares no security scheme: the connector sends no credential (auth none)'
          : 'no security scheme is supported: the connector sends no credential (auth none)',
    });
  }
  return { auth: auth ?? { type: 'none' }, chosen: chosen ?? null, schemes, problems };
}
