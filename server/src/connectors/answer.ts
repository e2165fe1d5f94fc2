/**
 * What a vendor's answer becomes: a 2xx checked (a failure reported inside it, then the
 * response schema) into an output with the secrets scrubbed, any other status into a
 * ConnectorError whose message holds a scrubbed snippet of the body.
 */
import type { ConnectorDone, ConnectorErrorWhen } from '@autonomic/workflow';
import type { OutboundResponse } from '../adapters/http-client';
import { scrub, scrubText } from '../adapters/redact';
import { answerError } from './answer-error';
import { ConnectorError, kindOfStatus } from './errors';
import { checkAnswer } from './schemas';

export interface ConnectorResult {
  status: number;
  output: unknown;
}

/** What of an action decides how its 2xx answer is read. */
export interface AnswerRules {
  response: Record<string, unknown>;
  responseType?: 'json' | 'text' | undefined;
  errorWhen?: ConnectorErrorWhen | undefined;
  /**
   * Sees each parsed JSON answer that reached the response schema check, with whether it
   * failed it (drift detection). Must not throw.
   */
  observe?: ((body: unknown, failed: boolean) => void) | undefined;
}

export function answer(res: OutboundResponse, rules: AnswerRules, secrets: string[], name: string): ConnectorResult {
  const { response: schema, errorWhen } = rules;
  const text = res.body.toString('utf8');
  let body: unknown = null;
  if (rules.responseType === 'text') return checked(res.status, schema, text, secrets, name);
  try {
    if (text.trim() !== '') body = JSON.parse(text);
  } catch {
    throw new ConnectorError('bad_response', `${name}: HTTP ${res.status} answered with something that is not JSON`, {
      status: res.status,
    });
  }
  // Before the schema: a reported failure does not have the success shape, and its code says more.
  const failed = answerError(errorWhen, body);
  if (failed) {
    throw new ConnectorError(failed.kind, `${name}: HTTP ${res.status} reported ${scrubText(failed.code, secrets)}`, {
      status: res.status,
    });
  }
  return checked(res.status, schema, body, secrets, name, rules.observe);
}

/** The answer as an output, when it matches the response schema. */
function checked(
  status: number,
  schema: Record<string, unknown>,
  body: unknown,
  secrets: string[],
  name: string,
  observe?: (body: unknown, failed: boolean) => void,
): ConnectorResult {
  const check = checkAnswer(schema, body);
  observe?.(body, !check.ok);
  if (!check.ok) {
    const why = scrubText(check.problems.join('; '), secrets);
    throw new ConnectorError('bad_response', `${name}: the answer does not match the response schema: ${why}`, {
      status,
    });
  }
  return { status, output: scrub(body, secrets) };
}

export function statusError(
  res: OutboundResponse,
  secrets: string[],
  name: string,
  retryable: boolean,
  retryAfter: number | undefined,
  attempts: number,
): ConnectorError {
  // Scrub before cutting: a credential across the cut would otherwise leave its first half.
  const snippet = scrubText(res.body.toString('utf8'), secrets).slice(0, 300);
  const tries = attempts > 1 ? ` after ${attempts} attempts` : '';
  return new ConnectorError(kindOfStatus(res.status), `${name}: HTTP ${res.status}${tries}: ${snippet}`, {
    status: res.status,
    retryable: retryable || res.status === 429,
    ...(retryAfter === undefined ? {} : { retryAfterMs: retryAfter }),
  });
}

/** Whether a non-2xx answer is one the action declares as "already so" (a duplicate, a missing delete). */
export function alreadyDone(rules: ConnectorDone[] | undefined, res: OutboundResponse): boolean {
  const matching = (rules ?? []).filter((r) => r.status === res.status);
  if (matching.length === 0) return false;
  let body: unknown;
  try {
    body = JSON.parse(res.body.toString('utf8'));
  } catch {
    body = undefined;
  }
  const fields =
    typeof body === 'object' && body !== null && !Array.isArray(body) ? new Map(Object.entries(body)) : new Map();
  return matching.some((r) => r.field === undefined || fields.get(r.field) === r.equals);
}
