/**
 * Checks a trigger event against the published version's `inputSchema` (JSON Schema
 * 2020-12 with formats). One compiled validator per version, compiled on first use.
 */
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import { re2RegExp } from '@autonomic/workflow';
import addFormats from 'ajv-formats';
import { AppError, type ErrorDetail } from '../../errors';
import { eventFieldWords, eventRuleWords } from './event-words';

/** The live trigger's answer to an event that does not fit (the 400's message). */
export const INVALID_EVENT = "the event does not match the trigger's input schema";

/** One problem of an event: `path` for programs, `field` and `message` in words. */
export interface EventProblem extends ErrorDetail {
  /** The field's schema `title`, else its key as written ("Source IP", "src_ip"). */
  field: string;
}

export class EventSchemas {
  /** `pattern` runs on RE2 (linear time): a crafted pattern cannot stall a webhook. */
  private readonly ajv = new Ajv2020({ allErrors: true, verbose: true, strict: false, code: { regExp: re2RegExp } });
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(private readonly capacity = 500) {
    addFormats(this.ajv);
    // The first compile also compiles the JSON Schema meta-schema (~60 ms of one event
    // loop turn): paid here, at start, rather than by the first webhook of a new version.
    this.ajv.compile({ type: 'object', properties: { warm: { type: 'string', pattern: '^a', format: 'ipv4' } } });
  }

  /**
   * Problems of `event` under the version's schema, each with its field's path under
   * `prefix` (`body.src_ip`) and what it must be in words (`must be an IPv4 address (e.g.
   * 10.0.0.1)`: forms show it after the field's label); empty when it matches.
   */
  check(versionId: string, schema: Record<string, unknown>, event: unknown, prefix = 'body'): ErrorDetail[] {
    return this.problems(versionId, schema, event, prefix).map(({ path, message }) => ({ path, message }));
  }

  /** The problems as sentences naming the field in words: `Source IP must be an IPv4 address (e.g. 10.0.0.1)`. */
  sentences(versionId: string, schema: Record<string, unknown>, event: unknown): string[] {
    return this.problems(versionId, schema, event, '').map((p) => `${p.field} ${p.message}`);
  }

  private problems(versionId: string, schema: Record<string, unknown>, event: unknown, prefix: string): EventProblem[] {
    const validate = this.validator(versionId, schema);
    if (validate(event)) return [];
    return (validate.errors ?? []).slice(0, 20).map((e) => {
      const keys = keysOf(e);
      return {
        path: [prefix, ...keys].filter(Boolean).join('.'),
        message: eventRuleWords(e),
        field: eventFieldWords(e, keys),
      };
    });
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

/** The instance path's segments, the missing or extra property last. */
function keysOf(e: ErrorObject): string[] {
  const parts = e.instancePath
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  const missing = e.params['missingProperty'];
  if (e.keyword === 'required' && typeof missing === 'string') parts.push(missing);
  const extra = e.params['additionalProperty'];
  if (e.keyword === 'additionalProperties' && typeof extra === 'string') parts.push(extra);
  return parts;
}
