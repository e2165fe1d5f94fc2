/**
 * The step types of format v1 that format v2 retired (`block-ip`, `isolate-host`,
 * `disable-user`, `notify`) and what each becomes: an action of the built-in connector
 * `autonomic-gateway@1.0.0`, which speaks the same JSON contract. Shared by the format
 * migration (the step) and the server's start-up adoption (the credential it names), so
 * that both derive the same credential name from the same legacy params.
 */
import { isRecord } from './problem';

/** The connector and version every migrated step pins. */
export const GATEWAY_CONNECTOR = { id: 'autonomic-gateway', version: '1.0.0' } as const;

interface ContainmentType {
  action: string;
  /** The legacy param holding the target, also the gateway action's target param. */
  param: 'ip' | 'host' | 'user';
}

const CONTAINMENT: Readonly<Record<string, ContainmentType>> = {
  'block-ip': { action: 'block_ip', param: 'ip' },
  'isolate-host': { action: 'isolate_host', param: 'host' },
  'disable-user': { action: 'disable_user', param: 'user' },
};

/** The retired step types. */
export const LEGACY_STEP_TYPES: readonly string[] = [...Object.keys(CONTAINMENT), 'notify'];

/** How the credential of a migrated step authenticates (the gateway's `auth` setting). */
export type LegacyAuth = 'bearer' | 'header' | 'basic' | 'none' | 'webhook_url';

/** The credential a migrated step names, as the legacy params described it. */
export interface LegacyCredential {
  /** The credential's name, as the migrated step's `credential`. */
  name: string;
  /** The legacy URL's origin, the credential's base URL; undefined when a template wrote it. */
  baseUrl?: string;
  /** The vault secret holding the value (`endpoint.auth.secret`, or `notify.<channel>`); none without auth. */
  secret?: string;
  auth: LegacyAuth;
  /** For `header` auth: the header that carries the value. */
  header?: string;
}

/** A legacy step as a connector step, and the credential it names. */
export interface GatewayStep {
  params: Record<string, unknown>;
  credential: LegacyCredential;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/**
 * A credential name (a lower-case slug, words joined by `-` or `_`, at most 64) made from
 * free text: `FW.Token` → `fw-token`; a name not starting with a letter gets `gateway-`.
 */
export function credentialSlug(text: string): string {
  let slug = text
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/([-_])[-_]+/g, '$1')
    .replace(/^[-_]+|[-_]+$/g, '');
  if (!/^[a-z]/.test(slug)) slug = slug === '' ? 'gateway' : `gateway-${slug}`;
  return slug.slice(0, 64).replace(/[-_]+$/, '');
}

/**
 * A legacy endpoint URL as a base URL and a path: `https://fw.example:8443/api/block?x=1`
 * → `https://fw.example:8443` and `/api/block?x=1`. A URL whose origin is not literal
 * (`{{ vars.edr }}/isolate`) has no base URL and is kept whole as the path; validation
 * then asks for a credential with a base URL.
 */
export function splitLegacyUrl(url: string): { origin?: string; host?: string; path: string } {
  const m = /^(https?:\/\/[^/?#]*)(.*)$/is.exec(url);
  const head = m?.[1];
  const rest = m?.[2] ?? '';
  if (head === undefined || head.includes('{{')) return { path: url };
  let parsed: URL;
  try {
    parsed = new URL(head);
  } catch {
    return { path: url };
  }
  const path = rest === '' ? '/' : rest.startsWith('/') ? rest : `/${rest}`;
  return { origin: parsed.origin, host: parsed.host, path };
}

function endpointAuth(endpoint: Record<string, unknown>): Pick<LegacyCredential, 'auth' | 'secret' | 'header'> {
  const auth = isRecord(endpoint['auth']) ? endpoint['auth'] : undefined;
  const type = str(auth?.['type']);
  const secret = str(auth?.['secret']);
  if (!auth || secret === undefined || (type !== 'bearer' && type !== 'header' && type !== 'basic')) {
    return { auth: 'none' };
  }
  const header = str(auth['header']);
  return { auth: type, secret, ...(type === 'header' && header !== undefined ? { header } : {}) };
}

/** A `block-ip` / `isolate-host` / `disable-user` step's params as a gateway step's. */
function containmentStep(stepId: string, spec: ContainmentType, params: Record<string, unknown>): GatewayStep {
  const endpoint = isRecord(params['endpoint']) ? params['endpoint'] : {};
  const { origin, host, path } = splitLegacyUrl(str(endpoint['url']) ?? '');
  const auth = endpointAuth(endpoint);
  const name =
    auth.secret !== undefined ? credentialSlug(auth.secret) : credentialSlug(`gateway-${host ?? `step-${stepId}`}`);
  const input: Record<string, unknown> = { [spec.param]: params[spec.param] ?? '', reason: params['reason'] ?? '' };
  if (params['duration'] !== undefined) input['duration'] = params['duration'];
  input['path'] = path;
  input['method'] = str(endpoint['method']) ?? 'POST';
  return {
    params: {
      connector: GATEWAY_CONNECTOR.id,
      version: GATEWAY_CONNECTOR.version,
      action: spec.action,
      credential: name,
      input,
      effect: 'destructive',
      target: { param: spec.param, kind: spec.param },
    },
    credential: { name, ...(origin === undefined ? {} : { baseUrl: origin }), ...auth },
  };
}

/** A `notify` step: the channel's webhook URL becomes the credential `notify-<channel>`. */
function notifyStep(params: Record<string, unknown>): GatewayStep {
  const channel = str(params['channel']) ?? 'slack';
  const subject = params['subject'];
  const message = params['message'] ?? '';
  // The legacy step sent `*subject*` and the message as the chat line, or the message alone.
  const text =
    typeof subject === 'string' && subject !== '' && typeof message === 'string' ? `*${subject}*\n${message}` : message;
  const name = credentialSlug(`notify-${channel}`);
  return {
    params: {
      connector: GATEWAY_CONNECTOR.id,
      version: GATEWAY_CONNECTOR.version,
      action: 'notify',
      credential: name,
      input: {
        text,
        to: params['to'] ?? '',
        ...(subject === undefined ? {} : { subject }),
        message,
      },
      effect: 'write',
    },
    credential: { name, secret: `notify.${channel}`, auth: 'webhook_url' },
  };
}

/**
 * What a legacy step of this type becomes; undefined for any other type. Template strings
 * are kept as written; params the legacy schema would have refused are carried over as
 * they are, for the v2 schema and the connector checks to report.
 */
export function gatewayStep(stepId: string, type: string, params: unknown): GatewayStep | undefined {
  const p = isRecord(params) ? params : {};
  const spec = CONTAINMENT[type];
  if (spec) return containmentStep(stepId, spec, p);
  return type === 'notify' ? notifyStep(p) : undefined;
}

/**
 * The credential each legacy step of a format v1 document names, with the step's id, for
 * the server to adopt those that do not exist yet. Two steps may name one credential
 * differently (one token secret, two receivers): the caller compares them.
 */
export function legacyCredentials(doc: unknown): Array<LegacyCredential & { stepId: string }> {
  const steps = isRecord(doc) && isRecord(doc['steps']) ? doc['steps'] : {};
  const found: Array<LegacyCredential & { stepId: string }> = [];
  for (const [stepId, step] of Object.entries(steps)) {
    if (!isRecord(step)) continue;
    const migrated = gatewayStep(stepId, str(step['type']) ?? '', step['params']);
    if (migrated) found.push({ ...migrated.credential, stepId });
  }
  return found;
}
