/**
 * What a vendor's answer becomes: a 2xx checked (a failure reported inside it, then the
 * response schema) into an output with the secrets scrubbed, any other status into a
 * ConnectorError whose message holds a scrubbed snippet of the body.
 */
import type { ConnectorErrorWhen } from '@autonomic/workflow';
import type { OutboundResponse } from '../adapters/http-client';
import { scrub, scrubText } from '../adapters/redact';
import { answerError } from './answer-error';
import { ConnectorError, kindOfStatus } from './errors';
import { checkAnswer } from './schemas';

export interface ConnectorResult {
  status: number;
  output: unknown;
}

export function answer(
  res: OutboundResponse,
  schema: Record<string, unknown>,
  errorWhen: ConnectorErrorWhen | undefined,
  secrets: string[],
  name: string,
): ConnectorResult {
  const text = res.body.toString('utf8');
  let body: unknown = null;
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
  const checked = checkAnswer(schema, body);
  if (!checked.ok) {
    const why = scrubText(checked.problems.join('; '), secrets);
    throw new ConnectorError('bad_response', `${name}: the answer does not match the response schema: ${why}`, {
      status: res.status,
    });
  }
  return { status: res.status, output: scrub(body, secrets) };
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
