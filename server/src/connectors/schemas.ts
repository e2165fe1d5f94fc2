/**
 * The JSON Schemas of a connector action, checked with ajv (2020-12, with formats):
 * params before anything is sent (defaults filled in), answers before they become a
 * step's output. One compiled validator per schema object, kept as long as the schema is.
 */
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { re2RegExp } from '@autonomic/workflow';

/** Compiles on first use; `pattern` runs on RE2 (linear time), so a definition's pattern cannot stall a call. */
function validators(useDefaults: boolean): (schema: Record<string, unknown>) => ValidateFunction {
  const ajv = new Ajv2020({ allErrors: true, strict: false, useDefaults, code: { regExp: re2RegExp } });
  addFormats(ajv);
  const compiled = new WeakMap<object, ValidateFunction>();
  return (schema) => {
    let v = compiled.get(schema);
    if (!v) {
      v = ajv.compile(schema);
      compiled.set(schema, v);
    }
    return v;
  };
}

const paramsValidator = validators(true);
const answerValidator = validators(false);

export type SchemaCheck<T> = { ok: true; value: T } | { ok: false; problems: string[] };

/** The params with the schema's defaults filled in, or what is wrong with them. */
export function checkParams(
  schema: Record<string, unknown>,
  params: Record<string, unknown>,
): SchemaCheck<Record<string, unknown>> {
  const value = structuredClone(params);
  const validate = paramsValidator(schema);
  return validate(value) ? { ok: true, value } : { ok: false, problems: problemsOf(validate.errors) };
}

/** Whether an answer matches the action's response schema. */
export function checkAnswer(schema: Record<string, unknown>, answer: unknown): SchemaCheck<unknown> {
  const validate = answerValidator(schema);
  return validate(answer) ? { ok: true, value: answer } : { ok: false, problems: problemsOf(validate.errors) };
}

/** `/data/abuseConfidenceScore must be integer`: a few, naming the field, never the value. */
function problemsOf(errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).slice(0, 5).map((e) => {
    const missing = e.params['missingProperty'];
    const extra = e.params['additionalProperty'];
    const at = e.instancePath || '/';
    if (e.keyword === 'required' && typeof missing === 'string') return `${at} lacks ${missing}`;
    if (e.keyword === 'additionalProperties' && typeof extra === 'string') return `${at} has unknown ${extra}`;
    return `${at} ${e.message ?? 'is invalid'}`;
  });
}
