import type { ConnectorAction } from '@autonomic/workflow';
import type { JsonSchema } from '../panel/schema';

const cache = new WeakMap<ConnectorAction, JsonSchema>();

/**
 * The form schema of an action's inputs: its params JSON Schema (titles, descriptions,
 * enums, types as the vendor wrote them), with free-text strings drawn as `{{ }}`
 * templates so that a step can pass on the event or an earlier step's output.
 */
export function inputFormSchema(action: ConnectorAction): JsonSchema {
  const hit = cache.get(action);
  if (hit) return hit;
  const properties = Object.fromEntries(
    Object.entries(action.params.properties).map(([name, s]) => [name, asTemplate(s)]),
  );
  const schema: JsonSchema = {
    type: 'object',
    properties,
    ...(action.params.required ? { required: action.params.required } : {}),
  };
  cache.set(action, schema);
  return schema;
}

function asTemplate(s: Record<string, unknown>): JsonSchema {
  const text = s['type'] === 'string' && !Array.isArray(s['enum']) && !('const' in s);
  if (!text || s['widget'] !== undefined) return s;
  const { format: _format, pattern: _pattern, anyOf: _anyOf, oneOf: _oneOf, ...rest } = s;
  // A template is checked when it renders: a pattern or format (`anyOf` ipv4/ipv6) would refuse `{{ event.ip }}`.
  return { ...rest, widget: 'template' };
}
