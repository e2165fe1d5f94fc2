import type { ConnectorAction, ConnectorDefinition } from '../connectors/definition';
import { connectorParams } from '../nodes';
import { isRecord, type Problem } from '../problem';
import { article, capital, nounOf } from './words';

/** A credential as validation sees it: its name, connector and mode, never its value. */
export interface CredentialRef {
  name: string;
  connectorId: string;
  mode: 'live' | 'test';
}

/**
 * What connector steps are checked against: the server passes its catalog and its
 * credentials; the editor passes what `GET /api/connectors` and the credentials list
 * gave it.
 */
export interface ConnectorContext {
  /** The installed definition of this pinned version; undefined when it is not installed. */
  connectors(id: string, version: string): ConnectorDefinition | undefined;
  /** The installed versions of a connector, to name them (and to tell an unknown connector from a missing version). */
  connectorVersions?(id: string): readonly string[];
  /** Every credential; when absent, credentials are not checked (only that one is named). */
  credentials?: readonly CredentialRef[];
}

/** A step as the server stores it or the editor holds it (a half-made node may lack a type). */
interface StepLike {
  type?: string | undefined;
  params?: unknown;
}

/**
 * What is wrong with the connector steps of a document in this context: an unknown
 * connector or version, an unknown action, an `effect`/`target` copy that is not the
 * pinned action's, inputs the action's params schema does not take (missing required,
 * undeclared, a literal of the wrong JSON type) and a credential that does not exist or
 * belongs to another connector. Pure: the same on the server and in the editor. Steps
 * whose params are invalid are skipped: the schema already reports them.
 */
export function connectorProblems(doc: { steps?: Record<string, StepLike> }, ctx: ConnectorContext): Problem[] {
  const problems: Problem[] = [];
  for (const [id, step] of Object.entries(doc.steps ?? {})) {
    if (step.type !== 'connector') continue;
    const p = connectorParams(step.params);
    if (!p) continue;
    const at = (path: string, message: string) => problems.push({ nodeId: id, path: `params.${path}`, message });
    credentialProblem(p.credential, p.connector, ctx.credentials, at);
    const def = ctx.connectors(p.connector, p.version);
    if (!def) {
      const versions = ctx.connectorVersions?.(p.connector);
      if (versions?.length === 0) at('connector', `the connector “${p.connector}” is not installed`);
      else at('version', `version ${p.version} of ${p.connector} is not installed${installed(versions)}`);
      continue;
    }
    const action = def.actions[p.action];
    if (!action) {
      at(
        'action',
        `${def.name} ${def.version} has no action “${p.action}” (its actions: ${Object.keys(def.actions).join(', ')})`,
      );
      continue;
    }
    const name = `“${action.title}” (${def.id} ${def.version})`;
    const again = 'remove this step and add it again from the palette';
    if (p.effect !== action.effect) {
      at('effect', `this step is marked ${p.effect}, but ${name} is ${action.effect}: ${again}`);
    }
    const copy = p.target ? `${p.target.kind} (${p.target.param})` : 'none';
    const real = action.target ? `${action.target.kind} (${action.target.param})` : 'none';
    if (copy !== real) at('target', `this step's target is ${copy}, but ${name} acts on ${real}: ${again}`);
    inputProblems(p.input, action, name, at);
  }
  return problems;
}

function installed(versions: readonly string[] | undefined): string {
  return versions && versions.length > 0 ? ` (installed: ${versions.join(', ')})` : '';
}

function credentialProblem(
  name: string,
  connectorId: string,
  credentials: readonly CredentialRef[] | undefined,
  at: (path: string, message: string) => void,
): void {
  if (!credentials) return;
  const found = credentials.find((c) => c.name === name);
  if (!found) {
    at('credential', `there is no credential “${name}”: pick another, or ask an admin to create it on Credentials`);
  } else if (found.connectorId !== connectorId) {
    at(
      'credential',
      `the credential “${name}” is for ${found.connectorId}, not ${connectorId}: pick one for ${connectorId}`,
    );
  }
}

function inputProblems(
  input: Record<string, unknown>,
  action: ConnectorAction,
  name: string,
  at: (path: string, message: string) => void,
): void {
  const props = action.params.properties;
  for (const param of action.params.required ?? []) {
    // A default fills a missing param in before the call is sent.
    const hasDefault = isRecord(props[param]) && Object.hasOwn(props[param], 'default');
    if (!Object.hasOwn(input, param) && !hasDefault) {
      const noun = nounOf(param, props[param]);
      at('input', `${article(noun)} ${noun} is required by ${name}`);
    }
  }
  const route = action.route?.path;
  const path = route === undefined ? undefined : input[route];
  // A literal origin moved to the credential when the step was migrated; a template one could not.
  if (route !== undefined && typeof path === 'string' && path !== '' && !path.startsWith('/')) {
    at(
      `input.${route}`,
      `${capital(nounOf(route, props[route]))} must be a path under the credential's base URL (starting with /): the start of “${path.slice(0, 200)}” is not fixed text, so use a credential whose base URL is that address and keep only the path here`,
    );
  }
  for (const [param, value] of Object.entries(input)) {
    const schema = props[param];
    if (!schema) {
      at(`input.${param}`, `“${param}” is not an input of ${name}; its inputs: ${Object.keys(props).join(', ')}`);
      continue;
    }
    const wanted = jsonTypes(schema['type']);
    const got = literalType(value);
    if (got && wanted.length > 0 && !wanted.some((t) => t === got || (t === 'number' && got === 'integer'))) {
      const noun = capital(nounOf(param, schema));
      at(
        `input.${param}`,
        `${noun} must be ${wanted.map(typeWords).join(' or ')}, not ${got === 'number' ? 'a number with decimals' : typeWords(got)}`,
      );
    }
  }
}

function jsonTypes(type: unknown): string[] {
  if (typeof type === 'string') return [type];
  return Array.isArray(type) ? type.filter((t): t is string => typeof t === 'string') : [];
}

/** The JSON type of a literal input; undefined for a template, whose type is known only when it runs. */
function literalType(value: unknown): string | undefined {
  if (typeof value === 'string') return value.includes('{{') ? undefined : 'string';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  if (typeof value === 'boolean') return 'boolean';
  if (value === null) return 'null';
  return Array.isArray(value) ? 'array' : 'object';
}

/** A JSON type as a person says what a value is. */
function typeWords(type: string): string {
  const words: Record<string, string> = {
    string: 'text',
    integer: 'a whole number',
    number: 'a number',
    boolean: 'true or false',
    null: 'empty (null)',
    array: 'a list',
    object: 'a group of values',
  };
  return words[type] ?? type;
}
