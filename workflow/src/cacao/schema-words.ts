import { WORKFLOW_NODE, type Problem } from '../problem';

/** The parts of an ajv error this needs (ajv stays out of this package: the server and the tests run it). */
export interface SchemaError {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

/**
 * A reference to an agent or target that is not of the form `type--uuid` (SOARCA's own
 * examples write `soarca-fin-pong-…`): tolerated, the mapping never needs it to be one.
 */
function tolerated(e: SchemaError): boolean {
  return e.keyword === 'pattern' && /\/workflow\/[^/]+\/(agent|targets\/\d+)$/.test(e.instancePath);
}

function words(e: SchemaError): string {
  const p = e.params;
  switch (e.keyword) {
    case 'required':
      return `the property "${String(p['missingProperty'])}" is required`;
    case 'enum':
      return `must be one of ${(Array.isArray(p['allowedValues']) ? p['allowedValues'] : []).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'type':
      return `must be ${String(p['type'])}`;
    case 'pattern':
      return 'is not in the expected form (an identifier is type--uuid)';
    case 'additionalProperties':
      return `has a property it may not have ("${String(p['additionalProperty'])}")`;
    case 'minItems':
    case 'minProperties':
      return 'must not be empty';
    case 'minimum':
    case 'maximum':
      return `must be ${e.keyword === 'minimum' ? 'at least' : 'at most'} ${String(p['limit'])}`;
    default:
      return e.message ?? `fails the "${e.keyword}" rule`;
  }
}

/** The element an error is on, in the words of the import messages: `workflow.action--…` for `/workflow/action--…/agent`. */
function elementOf(pointer: string): string {
  const keys = pointer
    .split('/')
    .slice(1)
    .map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'));
  return keys.length === 0 ? 'the playbook' : keys.join('.');
}

export interface SchemaCheck {
  /** Errors that reject the playbook, in words, each naming its element and JSON pointer. */
  problems: Problem[];
  /** Errors the import tolerates (reported as approximations). */
  tolerated: Array<{ pointer: string; message: string }>;
}

/**
 * The OASIS CACAO 2.0 schema errors of a playbook in words. ajv reports every branch of
 * an `anyOf`/`oneOf`; only the deepest error at each place is kept.
 */
export function cacaoSchemaProblems(errors: readonly SchemaError[]): SchemaCheck {
  const problems: Problem[] = [];
  const ok: SchemaCheck['tolerated'] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    if (['anyOf', 'oneOf', 'allOf', 'if', 'then'].includes(e.keyword)) continue;
    const message = `${elementOf(e.instancePath)}: ${words(e)} (at ${e.instancePath || '/'})`;
    if (seen.has(message)) continue;
    seen.add(message);
    if (tolerated(e))
      ok.push({
        pointer: e.instancePath,
        message: `${elementOf(e.instancePath)} is not a CACAO identifier (type--uuid); kept as a name, nothing depends on it`,
      });
    else problems.push({ nodeId: WORKFLOW_NODE, path: e.instancePath, message });
  }
  return { problems, tolerated: ok };
}
