import { stepError, StepFailure, toStepError, type StepError } from '../engine';
import { OutboundRefusedError, type OutboundResponse } from './http-client';

/** What an `http` step outputs. */
export function output(res: OutboundResponse, body: unknown): unknown {
  return { status: res.status, headers: res.headers, body };
}

/** The body as JSON when the answer says it is JSON (and parses), else as text. */
export function decode(res: OutboundResponse): unknown {
  const raw = res.body.toString('utf8');
  if (!/\bjson\b/i.test(res.headers['content-type'] ?? '')) return raw;
  try {
    return raw === '' ? null : JSON.parse(raw);
  } catch {
    return raw;
  }
}

/** Whatever the call threw, as a StepError. */
export function failure(e: unknown, signal: AbortSignal): StepError {
  if (e instanceof StepFailure) return e.error;
  const refused = refusal(e);
  if (refused) return stepError(refused.kind, refused.message, { retryable: false });
  if (signal.aborted) return stepError('timeout', 'aborted: the step timed out or was cancelled');
  if (e instanceof Error) {
    const code = 'code' in e && typeof e.code === 'string' ? `${e.code}: ` : '';
    return stepError('network', `${code}${e.message}`);
  }
  return toStepError(e);
}

/** The SSRF guard's error, also when undici wrapped the resolver's error as a cause. */
function refusal(e: unknown): OutboundRefusedError | undefined {
  for (let cur: unknown = e, depth = 0; cur instanceof Error && depth < 5; cur = cur.cause, depth++) {
    if (cur instanceof OutboundRefusedError) return cur;
  }
  return undefined;
}
