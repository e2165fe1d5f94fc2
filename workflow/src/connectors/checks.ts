/**
 * What a connector definition's schema cannot say on its own: templates only use
 * declared params, base URL placeholders are required settings or required params of
 * every action, path placeholders and targets are required params, destructive
 * actions name their target (so the safety lists apply), captured values are used by a later
 * request of their action and by no earlier one, and the health action exists, only reads
 * and gets its required params.
 */
import { durationMs } from '../duration';
import { bodyStrings, templateParams } from './templates';

type Captures = Record<string, { missing: string }> | undefined;

/** The parts of a definition these checks read (structural, so the schema can call them). */
interface CheckedAction {
  effect: 'read' | 'write' | 'destructive';
  method: string;
  path: string;
  query?: Record<string, string> | undefined;
  headers?: Record<string, string> | undefined;
  body?: unknown;
  bodyType?: 'json' | 'form' | undefined;
  params: { properties: Record<string, unknown>; required?: string[] | undefined };
  target?: { param: string } | undefined;
  route?: { path: string; method?: string | undefined } | undefined;
  email?: Record<string, string | undefined> | undefined;
  capture?: Captures;
  then?:
    | Array<{
        method: string;
        path: string;
        query?: Record<string, string> | undefined;
        headers?: Record<string, string> | undefined;
        body?: unknown;
        bodyType?: 'json' | 'form' | undefined;
        capture?: Captures;
      }>
    | undefined;
}
interface CheckedAuth {
  type: string;
  in?: string;
  prefix?: string | undefined;
  tokenUrl?: string;
  nameSetting?: string | undefined;
}
interface CheckedDefinition {
  baseUrl: string;
  transport?: 'http' | 'smtp' | undefined;
  auth: CheckedAuth;
  authChoice?: { setting: string; options: Record<string, CheckedAuth> } | undefined;
  settings?: { properties: Record<string, unknown>; required?: string[] | undefined } | undefined;
  healthAction?: { action: string; params: Record<string, unknown>; every?: string | undefined } | undefined;
  actions: Record<string, CheckedAction>;
}

export interface DefinitionIssue {
  /** Where, from the definition's root: `['actions', 'check_ip', 'query', 'ipAddress']`. */
  path: (string | number)[];
  message: string;
}

type Path = (string | number)[];

/** Every cross-field problem of a definition; empty when there is none. */
export function definitionIssues(def: CheckedDefinition): DefinitionIssue[] {
  const issues: DefinitionIssue[] = [];
  const actions = Object.entries(def.actions);
  if (actions.length === 0) issues.push({ path: ['actions'], message: 'a connector has at least one action' });
  const base = templateParams(def.baseUrl);
  for (const problem of base.problems) issues.push({ path: ['baseUrl'], message: problem });
  for (const name of base.context)
    issues.push({ path: ['baseUrl'], message: `{{ ${name} }} cannot shape the base URL` });
  // A setting fills a base URL placeholder before any param does; the rest come from params.
  const settings = new Set(Object.keys(def.settings?.properties ?? {}));
  const requiredSettings = new Set(def.settings?.required ?? []);
  for (const name of base.names.filter((n) => settings.has(n) && !requiredSettings.has(n))) {
    issues.push({
      path: ['settings', 'required'],
      message: `the base URL uses {{ ${name} }}: make the setting required`,
    });
  }
  for (const name of def.settings?.required ?? []) {
    if (!settings.has(name))
      issues.push({ path: ['settings', 'required'], message: `${name} is not a declared setting` });
  }
  // The token belongs to the credential, not to a step: only settings may shape its URL.
  if (def.auth.tokenUrl !== undefined) {
    const token = templateParams(def.auth.tokenUrl);
    for (const problem of token.problems) issues.push({ path: ['auth', 'tokenUrl'], message: problem });
    for (const name of token.names.filter((n) => !requiredSettings.has(n) || !settings.has(n))) {
      issues.push({ path: ['auth', 'tokenUrl'], message: `{{ ${name} }} is not a required setting` });
    }
  }
  issues.push(...authIssues(def, settings));
  const fromParams = base.names.filter((n) => !settings.has(n));
  for (const [id, action] of actions) issues.push(...actionIssues(['actions', id], action, fromParams));
  if (def.healthAction) issues.push(...healthIssues(def.healthAction, def.actions));
  issues.push(...transportIssues(def));
  return issues;
}

/** Settings an auth reads are declared; a credential's choice picks among simple auths (no token exchange). */
function authIssues(def: CheckedDefinition, settings: ReadonlySet<string>): DefinitionIssue[] {
  const issues: DefinitionIssue[] = [];
  const nameSetting = (auth: CheckedAuth, path: Path) => {
    if (auth.nameSetting !== undefined && !settings.has(auth.nameSetting)) {
      issues.push({ path: [...path, 'nameSetting'], message: `${auth.nameSetting} is not a declared setting` });
    }
  };
  nameSetting(def.auth, ['auth']);
  issues.push(...placementIssues(def.auth, ['auth'], def.actions));
  if (!def.authChoice) return issues;
  const { setting, options } = def.authChoice;
  if (!settings.has(setting)) {
    issues.push({ path: ['authChoice', 'setting'], message: `${setting} is not a declared setting` });
  }
  for (const [key, auth] of Object.entries(options)) {
    nameSetting(auth, ['authChoice', 'options', key]);
    issues.push(...placementIssues(auth, ['authChoice', 'options', key], def.actions));
    if (auth.type === 'oauth2_client_credentials') {
      issues.push({
        path: ['authChoice', 'options', key],
        message: 'OAuth2 cannot be one of the choices of a credential',
      });
    }
  }
  return issues;
}

/**
 * A prefix goes before a header value only; a key in the body needs a body on every request
 * to carry it: an object (JSON or form), sent with a method that has one.
 */
function placementIssues(auth: CheckedAuth, at: Path, actions: Record<string, CheckedAction>): DefinitionIssue[] {
  if (auth.type !== 'api_key') return [];
  const issues: DefinitionIssue[] = [];
  if (auth.prefix !== undefined && auth.in !== 'header') {
    issues.push({ path: [...at, 'prefix'], message: 'a prefix goes before a header value: use it with in: header' });
  }
  if (auth.in !== 'body') return issues;
  const bodiless = (method: string, body: unknown) =>
    method === 'GET' || method === 'HEAD' || typeof body !== 'object' || body === null || Array.isArray(body);
  for (const [id, action] of Object.entries(actions)) {
    if (bodiless(action.method, action.body) || (action.then ?? []).some((s) => bodiless(s.method, s.body))) {
      issues.push({
        path: ['actions', id, 'body'],
        message: `the key goes in the body (${at.join('.')}.in): every request of the action sends an object body`,
      });
    }
  }
  return issues;
}

/** The settings an SMTP connector's sender reads. */
const SMTP_SETTINGS = ['host', 'port', 'security', 'from'];

/** HTTP connectors send requests, SMTP connectors send the e-mail each action describes. */
function transportIssues(def: CheckedDefinition): DefinitionIssue[] {
  const issues: DefinitionIssue[] = [];
  const smtp = def.transport === 'smtp';
  if (smtp !== def.baseUrl.startsWith('smtp://')) {
    issues.push({ path: ['baseUrl'], message: smtp ? 'an SMTP connector has an smtp:// base URL' : 'an http(s) URL' });
  }
  if (smtp) {
    if (def.auth.type !== 'basic')
      issues.push({ path: ['auth', 'type'], message: 'SMTP auth is basic (user:password)' });
    const required = new Set(def.settings?.required ?? []);
    for (const name of SMTP_SETTINGS.filter((n) => !required.has(n))) {
      issues.push({ path: ['settings', 'required'], message: `an SMTP connector requires the setting ${name}` });
    }
  }
  for (const [id, action] of Object.entries(def.actions)) {
    if (smtp && !action.email)
      issues.push({ path: ['actions', id, 'email'], message: 'an SMTP action describes its e-mail' });
    if (!smtp && action.email)
      issues.push({ path: ['actions', id, 'email'], message: 'only an SMTP connector sends e-mail' });
    if (smtp && (action.body !== undefined || action.query || action.headers || action.then || action.capture)) {
      issues.push({ path: ['actions', id], message: 'an SMTP action has no HTTP body, query or headers' });
    }
  }
  return issues;
}

function actionIssues(at: Path, action: CheckedAction, baseNames: string[]): DefinitionIssue[] {
  const issues: DefinitionIssue[] = [];
  const declared = new Set(Object.keys(action.params.properties));
  const required = new Set(action.params.required ?? []);
  // Values captured by the requests sent so far; a later request's templates may use them.
  const captured = new Map<string, { at: Path; used: boolean }>();
  const use = (path: Path, template: string, mustBeRequired = false) => {
    const scan = templateParams(template);
    for (const message of scan.problems) issues.push({ path, message });
    for (const name of scan.names) {
      const value = captured.get(name);
      if (value) value.used = true;
      else if (!declared.has(name)) issues.push({ path, message: `{{ ${name} }} is not a declared param` });
      else if (mustBeRequired && !required.has(name))
        issues.push({ path, message: `{{ ${name} }} fills a URL part, so the param must be required` });
    }
  };
  for (const name of baseNames) {
    if (!declared.has(name) || !required.has(name))
      issues.push({
        path: [...at, 'params'],
        message: `the base URL uses {{ ${name} }}: declare it as a setting or a required param`,
      });
  }
  use([...at, 'path'], action.path, true);
  issues.push(...formIssues(at, action));
  for (const [i, step] of (action.then ?? []).entries()) issues.push(...formIssues([...at, 'then', i], step));
  for (const [k, v] of Object.entries(action.query ?? {})) use([...at, 'query', k], v);
  for (const [k, v] of Object.entries(action.headers ?? {})) use([...at, 'headers', k], v);
  for (const s of bodyStrings(action.body)) use([...at, 'body', ...s.path], s.template);
  for (const [k, v] of Object.entries(action.email ?? {})) if (v !== undefined) use([...at, 'email', k], v);
  const capture = (here: Path, captures: Captures) => {
    for (const [name, rule] of Object.entries(captures ?? {})) {
      const where = [...here, 'capture', name];
      // Its error speaks of what was asked for: the params, not another answer.
      const missing = templateParams(rule.missing);
      for (const message of missing.problems) issues.push({ path: [...where, 'missing'], message });
      for (const n of missing.names.filter((n) => !declared.has(n))) {
        issues.push({ path: [...where, 'missing'], message: `{{ ${n} }} is not a declared param` });
      }
      if (declared.has(name) || captured.has(name)) {
        issues.push({ path: where, message: `${name} is already a param or a captured value` });
      } else captured.set(name, { at: where, used: false });
    }
  };
  capture(at, action.capture);
  for (const [i, step] of (action.then ?? []).entries()) {
    const here = [...at, 'then', i];
    use([...here, 'path'], step.path, true);
    for (const [k, v] of Object.entries(step.query ?? {})) use([...here, 'query', k], v);
    for (const [k, v] of Object.entries(step.headers ?? {})) use([...here, 'headers', k], v);
    for (const s of bodyStrings(step.body)) use([...here, 'body', ...s.path], s.template);
    capture(here, step.capture);
  }
  for (const [name, value] of captured) {
    if (!value.used) issues.push({ path: value.at, message: `no later request of the action uses ${name}` });
  }
  for (const name of required) {
    if (!declared.has(name))
      issues.push({ path: [...at, 'params', 'required'], message: `${name} is not a declared param` });
  }
  if (action.route) {
    const { path, method } = action.route;
    if (!required.has(path))
      issues.push({ path: [...at, 'route', 'path'], message: `${path} must be a required param` });
    if (method !== undefined && !declared.has(method)) {
      issues.push({ path: [...at, 'route', 'method'], message: `${method} is not a declared param` });
    }
  }
  if (action.target && !required.has(action.target.param)) {
    issues.push({ path: [...at, 'target', 'param'], message: `${action.target.param} must be a required param` });
  }
  if (action.effect === 'destructive' && !action.target) {
    issues.push({
      path: [...at, 'target'],
      message: 'a destructive action names its target, so the safety lists apply',
    });
  }
  return issues;
}

/** A form body is one level of names and text (numbers and booleans are written as text). */
function formIssues(at: Path, request: { bodyType?: 'json' | 'form' | undefined; body?: unknown }): DefinitionIssue[] {
  if (request.bodyType !== 'form') return [];
  const { body } = request;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return [{ path: [...at, 'body'], message: 'a form body is an object of field names and values' }];
  }
  return Object.entries(body)
    .filter(([, v]) => typeof v === 'object' && v !== null)
    .map(([k]) => ({ path: [...at, 'body', k], message: 'a form field is text, a number or a boolean' }));
}

/** Probing more often than this would spend a vendor's rate limit on health checks. */
const MIN_PROBE_MS = 60_000;
const MAX_PROBE_MS = 7 * 86_400_000;

function healthIssues(
  health: { action: string; params: Record<string, unknown>; every?: string | undefined },
  actions: Record<string, CheckedAction>,
): DefinitionIssue[] {
  if (health.every !== undefined) {
    // The schema checked the form; a malformed one is reported there.
    const ms = /^\d{1,9}(ms|s|m|h|d)$/.test(health.every) ? durationMs(health.every) : MIN_PROBE_MS;
    if (ms < MIN_PROBE_MS || ms > MAX_PROBE_MS) {
      return [{ path: ['healthAction', 'every'], message: 'probe between every 1m and every 7d' }];
    }
  }
  const action = actions[health.action];
  if (!action) return [{ path: ['healthAction', 'action'], message: `no action ${health.action}` }];
  if (action.effect !== 'read') {
    return [{ path: ['healthAction', 'action'], message: `${health.action} is not read-only (${action.effect})` }];
  }
  return (action.params.required ?? [])
    .filter((name) => !(name in health.params))
    .map((name) => ({ path: ['healthAction', 'params', name], message: `${health.action} requires ${name}` }));
}
