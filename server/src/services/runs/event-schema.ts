/**
 * Checks a trigger event against the published version's `inputSchema` (JSON Schema
 * 2020-12 with formats). One compiled validator per version, compiled on first use.
 */
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import { re2RegExp } from '@autonomic/workflow';
import addFormats from 'ajv-formats';
import { AppError, type ErrorDetail } from '../../errors';

/** The live trigger's answer to an event that does not fit (the 400's message). */
export const INVALID_EVENT = "the event does not match the trigger's input schema";

/** Problems in one line, field first: `body.ip is required; body.severity must be string`. */
export function describeProblems(problems: readonly ErrorDetail[]): string {
  return problems.map((p) => `${p.path} ${p.message}`).join('; ');
}

export class EventSchemas {
  /** `pattern` runs on RE2 (linear time): a crafted pattern cannot stall a webhook. */
  private readonly ajv = new Ajv2020({ allErrors: true, strict: false, code: { regExp: re2RegExp } });
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(private readonly capacity = 500) {
    addFormats(this.ajv);
    // The first compile also compiles the JSON Schema meta-schema (~60 ms of one event
    // loop turn): paid here, at start, rather than by the first webhook of a new version.
    this.ajv.compile({ type: 'object', properties: { warm: { type: 'string', pattern: '^a', format: 'ipv4' } } });
  }

  /**
   * Problems of `event` under the version's schema, each naming its field under `prefix`
   * (`body.src_ip`); empty when it matches.
   */
  check(versionId: string, schema: Record<string, unknown>, event: unknown, prefix = 'body'): ErrorDetail[] {
    const validate = this.validator(versionId, schema);
    if (validate(event)) return [];
    return (validate.errors ?? []).slice(0, 20).map((e) => ({ path: pathOf(e, prefix), message: messageOf(e) }));
  }

  /**
   * Throws the live trigger's refusal (400 `invalid_event`, each field named under
   * `prefix`) when `event` does not fit: webhooks, manual runs and simulations answer alike.
   */
  assertFits(versionId: string, schema: Record<string, unknown>, event: unknown, prefix = 'body'): void {
    const problems = this.check(versionId, schema, event, prefix);
    if (problems.length > 0) {
      throw new AppError(400, 'invalid_event', INVALID_EVENT, problems);
    }
  }

  private validator(versionId: string, schema: Record<string, unknown>): ValidateFunction {
    let v = this.compiled.get(versionId);
    if (!v) {
      v = this.ajv.compile(schema);
      this.compiled.set(versionId, v);
      if (this.compiled.size > this.capacity) {
        const oldest = this.compiled.keys().next().value;
        if (oldest !== undefined) this.compiled.delete(oldest);
      }
    }
    return v;
  }
}

function pathOf(e: ErrorObject, prefix: string): string {
  const parts = e.instancePath
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  const missing = e.params['missingProperty'];
  if (e.keyword === 'required' && typeof missing === 'string') parts.push(missing);
  const extra = e.params['additionalProperty'];
  if (e.keyword === 'additionalProperties' && typeof extra === 'string') parts.push(extra);
  return [prefix, ...parts].join('.');
}

function messageOf(e: ErrorObject): string {
  if (e.keyword === 'required') return 'is required';
  if (e.keyword === 'additionalProperties') return 'is not allowed';
  return e.message ?? 'is invalid';
}
