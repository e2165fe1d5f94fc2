import type { ConnectorDefinition } from '../connectors/definition';
import type { TemplateJsonValue } from '../nodes';
import { toCacaoText } from './variables';
import type { Json } from './export-steps';

/** The connector definition a step pins, when the caller's catalogue has it. */
export type ConnectorLookup = (connector: string, version: string) => ConnectorDefinition | undefined;

const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

function fill(text: string, input: Record<string, TemplateJsonValue>): string {
  return text.replace(PLACEHOLDER, (m, name: string) => {
    const v = input[name];
    if (v === undefined) return m;
    return typeof v === 'string' ? v : JSON.stringify(v);
  });
}

function fillJson(v: unknown, input: Record<string, TemplateJsonValue>): unknown {
  if (typeof v === 'string') return fill(v, input);
  if (Array.isArray(v)) return v.map((x) => fillJson(x, input));
  if (typeof v === 'object' && v !== null)
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, fillJson(x, input)]));
  return v;
}

/**
 * A connector step as the HTTP request its pinned action sends (base URL + path, its
 * headers and JSON body, the step's inputs filled in; credentials and settings stay
 * placeholders), or undefined when the action is not an HTTP one this can write.
 */
export function connectorCommand(
  params: { connector: string; version: string; action: string; input: Record<string, TemplateJsonValue> },
  lookup: ConnectorLookup | undefined,
): Record<string, Json> | undefined {
  const def = lookup?.(params.connector, params.version);
  const action = def?.actions[params.action];
  if (!def || !action || def.transport === 'smtp' || action.route || action.then) return undefined;
  const query = Object.entries(action.query ?? {})
    .map(([k, v]) => `${encodeURIComponent(k)}=${fill(v, params.input)}`)
    .join('&');
  const url = `${def.baseUrl.replace(/\/$/, '')}${fill(action.path, params.input)}${query ? `?${query}` : ''}`;
  const headers: Record<string, Json> = {};
  for (const [k, v] of Object.entries(action.headers ?? {})) headers[k] = [toCacaoText(fill(v, params.input))];
  const body = action.body === undefined ? undefined : JSON.stringify(fillJson(action.body, params.input));
  return {
    type: 'http-api',
    description: `${def.name} ${def.version}: ${action.title}`,
    command: `${action.method} ${toCacaoText(url)}`,
    ...(Object.keys(headers).length > 0 ? { headers } : {}),
    ...(body === undefined ? {} : { content: toCacaoText(body) }),
  };
}
