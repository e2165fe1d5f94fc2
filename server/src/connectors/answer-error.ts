/**
 * The failure a 2xx answer reports in its body, for vendors that do so (Slack's HTTP 200
 * `{ ok: false, error }`), as the definition's `errorWhen` describes it.
 */
import type { ConnectorErrorWhen } from '@autonomic/workflow';
import type { ConnectorErrorKind } from './errors';

export interface AnswerError {
  kind: ConnectorErrorKind;
  /** The vendor's code (`channel_not_found`), or a note that the answer gave none. */
  code: string;
}

/** Undefined when the rule is absent or the answer is not a failure by it. */
export function answerError(rule: ConnectorErrorWhen | undefined, body: unknown): AnswerError | undefined {
  if (!rule || typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const fields = new Map(Object.entries(body));
  if (!fields.has(rule.field) || fields.get(rule.field) !== rule.equals) return undefined;
  const raw = rule.codeField === undefined ? undefined : fields.get(rule.codeField);
  const code = typeof raw === 'string' ? raw : `${rule.field} is ${JSON.stringify(rule.equals)}`;
  return { kind: rule.authCodes.includes(code) ? 'auth' : 'http', code };
}
