/**
 * What a custom definition must pass beyond its schema (whose cross-field checks,
 * `definitionIssues`, run inside `ConnectorDefinition`'s parse): the checks the shipped
 * definitions pass in their tests (server/test/connectors/definitions.test.ts), made at
 * the door because nobody writes a test for an admin's definition. Every JSON Schema
 * compiles (else the first call would fail), each example fits its response schema (a
 * simulation answers with it) and the health action's params fit its params schema.
 */
import type { ConnectorDefinition } from '@autonomic/workflow';
import { checkAnswer, checkParams } from '../../connectors/schemas';
import type { ErrorDetail } from '../../errors';

const why = (e: unknown) => (e instanceof Error ? e.message : String(e)).slice(0, 300);

/** Problems named from the request root (`body.actions.check_ip.response`); empty when there is none. */
export function runtimeProblems(def: ConnectorDefinition, prefix = 'body'): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const at = (path: (string | number)[], message: string) =>
    problems.push({ path: [prefix, ...path].join('.'), message });
  // checkParams/checkAnswer compile on first use; a schema that does not compile throws.
  const compiles = (path: (string | number)[], check: () => void): boolean => {
    try {
      check();
      return true;
    } catch (e) {
      at(path, `not a usable JSON Schema: ${why(e)}`);
      return false;
    }
  };
  for (const { path, key } of sharedRegistryKeys(def)) {
    at(
      path,
      `${key} is not allowed in a custom connector's schemas (they share one validator, where ids would collide)`,
    );
  }
  const settings = def.settings;
  if (settings) compiles(['settings'], () => checkParams(settings, {}));
  for (const [id, action] of Object.entries(def.actions)) {
    compiles(['actions', id, 'params'], () => checkParams(action.params, {}));
    let example: ReturnType<typeof checkAnswer> | undefined;
    if (compiles(['actions', id, 'response'], () => (example = checkAnswer(action.response, action.example)))) {
      if (example && !example.ok) {
        at(['actions', id, 'example'], `does not match the response schema: ${example.problems.join('; ')}`);
      }
    }
  }
  const health = def.healthAction;
  const action = health ? def.actions[health.action] : undefined;
  if (health && action) {
    try {
      const checked = checkParams(action.params, health.params);
      if (!checked.ok) at(['healthAction', 'params'], `do not fit ${health.action}: ${checked.problems.join('; ')}`);
    } catch {
      // The params schema's own problem is reported above.
    }
  }
  return problems;
}

/** Keywords ajv registers across schemas: a second definition declaring the same one would fail to compile. */
const REGISTERED = new Set(['$id', '$anchor', '$dynamicAnchor']);

/** Where a schema of the definition declares a keyword of `REGISTERED` (not a property that happens to be named so). */
function sharedRegistryKeys(def: ConnectorDefinition): { path: (string | number)[]; key: string }[] {
  const found: { path: (string | number)[]; key: string }[] = [];
  const walk = (node: unknown, path: (string | number)[], names: boolean) => {
    if (Array.isArray(node)) return node.forEach((v, i) => walk(v, [...path, i], false));
    if (typeof node !== 'object' || node === null) return;
    for (const [k, v] of Object.entries(node)) {
      if (!names && REGISTERED.has(k)) found.push({ path: [...path, k], key: k });
      // The keys of these are property names, their values schemas.
      walk(v, [...path, k], !names && (k === 'properties' || k === 'patternProperties' || k === '$defs'));
    }
  };
  if (def.settings) walk(def.settings, ['settings'], false);
  for (const [id, action] of Object.entries(def.actions)) {
    walk(action.params, ['actions', id, 'params'], false);
    walk(action.response, ['actions', id, 'response'], false);
  }
  return found;
}
