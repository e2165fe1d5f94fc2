/**
 * The connectors and credentials an editor session works with: loaded once by the page
 * (`GET /api/connectors`, each definition, `GET /api/credentials`) and kept in the editor
 * store, so that the palette, the connector form, completions and validation read the same.
 */
import type { ConnectorAction, ConnectorContext, ConnectorDefinition, CredentialRef } from '@autonomic/workflow';
import type { ConnectorSummary } from '@autonomic/api';

export interface ConnectorCatalog {
  status: 'idle' | 'loading' | 'ready' | 'error';
  summaries: readonly ConnectorSummary[];
  /** Full definitions by connector id (the installed version). */
  definitions: Readonly<Record<string, ConnectorDefinition>>;
  /** Undefined when the list could not be loaded: credentials are then not checked. */
  credentials?: readonly CredentialRef[];
  /** What failed to load, shown to the user. */
  errors: readonly string[];
}

export const EMPTY_CATALOG: ConnectorCatalog = { status: 'idle', summaries: [], definitions: {}, errors: [] };

/** The validation context of a loaded catalog; null until it is loaded (nothing to check against). */
export function connectorContextOf(catalog: ConnectorCatalog): ConnectorContext | null {
  if (catalog.status !== 'ready') return null;
  return {
    connectors: (id, version) => {
      const def = catalog.definitions[id];
      return def && def.version === version ? def : undefined;
    },
    connectorVersions: (id) => catalog.summaries.filter((s) => s.id === id).map((s) => s.version),
    ...(catalog.credentials ? { credentials: catalog.credentials } : {}),
  };
}

/** The pinned action of a connector step's params, when that version is loaded. */
export function actionOf(
  catalog: ConnectorCatalog,
  params: Record<string, unknown> | undefined,
): { def: ConnectorDefinition; action: ConnectorAction } | undefined {
  const def = catalog.definitions[String(params?.['connector'] ?? '')];
  if (!def || def.version !== params?.['version']) return undefined;
  const action = def.actions[String(params['action'] ?? '')];
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
