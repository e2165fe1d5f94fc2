/**
 * Runs one action of a connector definition: params checked against the action's params
 * schema (defaults filled in), the request rendered from the templates, the credential
 * applied, sent through the guarded outbound client, retried on the definition's
 * retryable statuses (honouring Retry-After up to a cap), and the answer checked against
 * the action's response schema. Failures are ConnectorErrors; no message, output or
 * error carries the credential.
 */
import { randomUUID } from 'node:crypto';
import type { ConnectorDefinition, ConnectorErrorWhen } from '@autonomic/workflow';
import { OutboundRefusedError, type HttpClient, type OutboundResponse } from '../adapters/http-client';
import { scrub, scrubText } from '../adapters/redact';
import { answerError } from './answer-error';
import { ConnectorError, kindOfStatus } from './errors';
import { prepareRequest, type PreparedRequest } from './request';
import { retryAfterMs } from './retry-after';
import { checkAnswer, checkParams } from './schemas';

export interface ConnectorCall {
  definition: ConnectorDefinition;
  action: string;
  params: Record<string, unknown>;
  /** The credential's value: an API key, a token, or `user:password` for basic auth. */
  credential: string;
  /**
   * The credential's non-secret settings (a Jira site), checked against the definition's
   * `settings` schema; they fill base URL placeholders before params do.
   */
  settings?: Record<string, string>;
  /** Replaces the definition's base URL (an on-premises appliance, a test's mock). */
  baseUrl?: string;
  /** Sent in the action's idempotency header on writes; the same on every retry. @default a random UUID */
  idempotencyKey?: string;
  signal?: AbortSignal;
}

export interface ConnectorResult {
  status: number;
  output: unknown;
}

export interface ConnectorClientOptions {
  http: HttpClient;
  /** Waits between attempts; tests pass one that records instead of waiting. */
  sleep?: (ms: number) => Promise<void>;
  /** For an HTTP-date Retry-After. @default Date.now */
  now?: () => number;
  /** Attempts per call, the first included. @default 3 */
  maxAttempts?: number;
  /** The longest wait between attempts; a longer Retry-After ends the call as `rate_limited`. @default 30000 */
  maxWaitMs?: number;
  /** The first wait when the answer says nothing; doubled per attempt. @default 500 */
  backoffMs?: number;
}

export interface ConnectorClient {
  execute(call: ConnectorCall): Promise<ConnectorResult>;
}

/** A definition without settings takes any (a credential may carry more than one connector uses). */
const NO_SETTINGS = { type: 'object' };

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createConnectorClient(options: ConnectorClientOptions): ConnectorClient {
  const { http, sleep = wait, now = Date.now, maxAttempts = 3, maxWaitMs = 30_000, backoffMs = 500 } = options;

  return {
    async execute(call) {
      const { definition } = call;
      const name = `${definition.id}.${call.action}`;
      const action = definition.actions[call.action];
      if (!action) throw new ConnectorError('invalid_params', `${definition.id} has no action ${call.action}`);
      const checked = checkParams(action.params, call.params);
      if (!checked.ok) throw new ConnectorError('invalid_params', `${name}: params ${checked.problems.join('; ')}`);
      const settings = checkParams(definition.settings ?? NO_SETTINGS, call.settings ?? {});
      if (!settings.ok) throw new ConnectorError('invalid_params', `${name}: settings ${settings.problems.join('; ')}`);
      const req = prepareRequest({
        ...call,
        actionId: call.action,
        action,
        params: checked.value,
        settings: settings.value,
      });
      // A retried write carries the same key, so a vendor that honours it acts once.
      if (action.effect !== 'read' && action.idempotency !== 'none') {
        req.headers[action.idempotency.toLowerCase()] = call.idempotencyKey ?? randomUUID();
      }
      const retryable = new Set(definition.retryableStatuses);
      for (let attempt = 1; ; attempt++) {
        const res = await send(http, req, call.signal, name);
        if (res.status >= 200 && res.status < 300) {
          return answer(res, action.response, definition.errorWhen, req.secrets, name);
        }
        const asked = retryAfterMs(res.headers['retry-after'], now());
        const pause = asked ?? backoffMs * 2 ** (attempt - 1);
        if (!retryable.has(res.status) || attempt >= maxAttempts || pause > maxWaitMs) {
          throw statusError(res, req.secrets, name, retryable.has(res.status), asked, attempt);
        }
        await sleep(pause);
      }
    },
  };
}

async function send(
  http: HttpClient,
  req: PreparedRequest,
  signal: AbortSignal | undefined,
  name: string,
): Promise<OutboundResponse> {
  const { secrets: _secrets, ...outbound } = req;
  try {
    return await http.request({ ...outbound, ...(signal ? { signal } : {}) });
  } catch (e) {
    const message = scrubText(e instanceof Error ? e.message : String(e), req.secrets);
    if (e instanceof OutboundRefusedError) throw new ConnectorError('refused', `${name}: ${message}`);
    throw new ConnectorError('network', `${name}: ${message}`, { retryable: true });
  }
}

function answer(
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

function statusError(
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
