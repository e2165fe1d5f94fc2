/**
 * The connectors and credentials an editor session works with: loaded once by the page
 * (`GET /api/connectors`, each definition, `GET /api/credentials`) and kept in the editor
 * store, so that the palette, the connector form, completions and validation read the same.
 */
import type { ConnectorAction, ConnectorContext, ConnectorDefinition } from '@autonomic/workflow';
import type { ConnectorSummary } from '@autonomic/api';
import type { CredentialChoice } from './credentialChoice';

export interface ConnectorCatalog {
  status: 'idle' | 'loading' | 'ready' | 'error';
  summaries: readonly ConnectorSummary[];
  /** Full definitions by connector id: the newest installed version (what the palette adds). */
  definitions: Readonly<Record<string, ConnectorDefinition>>;
  /**
   * The other installed versions by `<id>@<version>`: a workflow may pin any installed
   * version (it keeps running 1.0.0 after 1.1.0 is installed), and its steps are edited
   * and checked against the version they pin.
   */
  older?: Readonly<Record<string, ConnectorDefinition>>;
  /** Undefined when the list could not be loaded: credentials are then not checked. Never values. */
  credentials?: readonly CredentialChoice[];
  /** What failed to load, shown to the user. */
  errors: readonly string[];
}

export const EMPTY_CATALOG: ConnectorCatalog = { status: 'idle', summaries: [], definitions: {}, errors: [] };

/** The validation context of a loaded catalog; null until it is loaded (nothing to check against). */
export function connectorContextOf(catalog: ConnectorCatalog): ConnectorContext | null {
  if (catalog.status !== 'ready') return null;
  return {
    connectors: (id, version) => definitionAt(catalog, id, version),
    connectorVersions: (id) => [
      ...Object.values(catalog.older ?? {})
        .filter((d) => d.id === id)
        .map((d) => d.version),
      ...catalog.summaries.filter((s) => s.id === id).map((s) => s.version),
    ],
    ...(catalog.credentials ? { credentials: catalog.credentials } : {}),
  };
}

/** The installed definition of a connector at a version, newest or older. */
export function definitionAt(catalog: ConnectorCatalog, id: string, version: unknown): ConnectorDefinition | undefined {
  const newest = catalog.definitions[id];
  if (newest && newest.version === version) return newest;
  return typeof version === 'string' ? catalog.older?.[`${id}@${version}`] : undefined;
}

/** The pinned action of a connector step's params, when that version is loaded. */
export function actionOf(
  catalog: ConnectorCatalog,
  params: Record<string, unknown> | undefined,
): { def: ConnectorDefinition; action: ConnectorAction } | undefined {
  const def = definitionAt(catalog, String(params?.['connector'] ?? ''), params?.['version']);
  if (!def) return undefined;
  const action = def.actions[String(params?.['action'] ?? '')];
  return action ? { def, action } : undefined;
}

/**
 * The params of a new step running `actionId` of `def`: pinned to the installed version,
 * effect and target copied from the action (the server checks the copy), no credential
 * yet, inputs from the params schema's defaults.
 */
export function connectorStepParams(def: ConnectorDefinition, actionId: string): Record<string, unknown> | undefined {
  const action = def.actions[actionId];
  if (!action) return undefined;
  const input: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(action.params.properties)) {
    if (typeof schema === 'object' && schema !== null && 'default' in schema) input[name] = schema['default'];
  }
  return {
    connector: def.id,
    version: def.version,
    action: actionId,
    credential: '',
    input,
    effect: action.effect,
    ...(action.target ? { target: { param: action.target.param, kind: action.target.kind } } : {}),
  };
}
