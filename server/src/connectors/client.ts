/**
 * Runs one action of a connector definition: params checked against the action's params
 * schema (defaults filled in), the request rendered from the templates, the credential
 * applied, sent through the guarded outbound client, retried on the definition's
 * retryable statuses (honouring Retry-After, or the definition's own wait header, up to a
 * cap), and the answer checked against
 * the action's response schema. Failures are ConnectorErrors; no message, output or
 * error carries the credential.
 */
import { randomUUID } from 'node:crypto';
import { authOf, type ConnectorAction, type ConnectorDefinition, type ConnectorStep } from '@autonomic/workflow';
import { OutboundRefusedError, type HttpClient, type OutboundResponse } from '../adapters/http-client';
import { scrubText } from '../adapters/redact';
import { alreadyDone, answer, statusError, type ConnectorResult } from './answer';
import { captureValues } from './capture';
import { detectDrift, redactFindings, type DriftEvent } from './drift';
import { ConnectorError } from './errors';
import { createTokenCache, type TokenRequest } from './oauth2';
import { fillUrl, prepareRequest, type PreparedRequest } from './request';
import { askedWaitMs } from './retry-after';
import { checkParams } from './schemas';
import { sendEmail } from './smtp';

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
  /** The run the call belongs to; templates read it as `context.runId`. */
  runId?: string;
  signal?: AbortSignal;
}

export type { ConnectorResult } from './answer';

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
  /** An OAuth2 token is fetched again this long before it expires. @default 60000 */
  tokenSkewMs?: number;
  /** OUTBOUND_ALLOW for connections the HTTP client does not make (SMTP). @default [] */
  outboundAllow?: readonly string[];
  /**
   * Told of each JSON answer that drifted from the action's response schema (passing or
   * failing the check), the samples masked. Called synchronously; it must hand the event
   * off (see services/connector-drift.ts), and what it throws is ignored.
   */
  drift?: (event: DriftEvent) => void;
}

export interface ConnectorClient {
  execute(call: ConnectorCall): Promise<ConnectorResult>;
}

/** A definition without settings takes any (a credential may carry more than one connector uses). */
const NO_SETTINGS = { type: 'object' };

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createConnectorClient(options: ConnectorClientOptions): ConnectorClient {
  const { http, sleep = wait, now = Date.now, maxAttempts = 3, maxWaitMs = 30_000, backoffMs = 500 } = options;
  const skewMs = options.tokenSkewMs ?? 60_000;
  const tokens = createTokenCache({ http, now, skewMs, sleep, maxAttempts, maxWaitMs, backoffMs });

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
      if (definition.transport === 'smtp') {
        const smtp = { allow: options.outboundAllow ?? [], sleep, maxAttempts, backoffMs };
        return sendEmail({ ...call, action, params: checked.value, settings: settings.value, name }, smtp);
      }
      const tokenReq = tokenRequest(call, settings.value, name);
      let token = tokenReq ? await tokens.token(tokenReq) : undefined;
      // A retried write carries the same key, so a vendor that honours it acts once.
      const key = call.idempotencyKey ?? randomUUID();
      const idempotency =
        action.effect !== 'read' && action.idempotency !== 'none'
          ? { header: action.idempotency.toLowerCase(), key }
          : undefined;
      const context = { 'context.runId': call.runId, 'context.idempotencyKey': key };
      // The action's own request, then its further steps, each sent as an action of its own.
      const steps = [action, ...(action.then ?? []).map((step) => stepAction(action, step))];
      let step = action;
      // The params, plus what earlier requests captured for the later ones.
      let values: Record<string, unknown> = checked.value;
      const build = () => {
        const req = prepareRequest({
          ...call,
          actionId: call.action,
          action: step,
          params: values,
          settings: settings.value,
          token,
          context,
        });
        if (idempotency) req.headers[idempotency.header] = idempotency.key;
        return req;
      };
      let refreshed = false;
      const retryable = new Set(definition.retryableStatuses);
      for (const [index, current] of steps.entries()) {
        step = current;
        let req = build();
        for (let attempt = 1; ; attempt++) {
          const res = await send(http, req, call.signal, name);
          if ((res.status >= 200 && res.status < 300) || alreadyDone(step.done, res)) {
            if (index === steps.length - 1) {
              const observe = driftObserver(options.drift, call, action, req.secrets);
              return answer(res, { ...action, errorWhen: definition.errorWhen, observe }, req.secrets, name);
            }
            values = { ...values, ...captureValues(step.capture, res, checked.value, req.secrets, name) };
            break;
          }
          // A token revoked or expired early: one fresh token per call, not counted as a retry.
          if (res.status === 401 && tokenReq && !refreshed) {
            refreshed = true;
            attempt--;
            token = await tokens.token(tokenReq, token);
            req = build();
            continue;
          }
          const asked = askedWaitMs(res.headers, now(), definition.retryAfter);
          const pause = asked ?? backoffMs * 2 ** (attempt - 1);
          if (!retryable.has(res.status) || attempt >= maxAttempts || pause > maxWaitMs) {
            throw statusError(res, req.secrets, name, retryable.has(res.status), asked, attempt);
          }
          await sleep(pause);
        }
      }
      throw new ConnectorError('bad_response', `${name}: no request was sent`);
    },
  };
}

/** What tells `sink` of an answer's drift; undefined without a sink. Never throws into the call. */
function driftObserver(
  sink: ConnectorClientOptions['drift'],
  call: ConnectorCall,
  action: ConnectorAction,
  secrets: string[],
): ((body: unknown, failed: boolean) => void) | undefined {
  if (!sink) return undefined;
  return (body, failed) => {
    try {
      const findings = detectDrift(action.response, body, {}, action.responseType);
      if (findings.length === 0) return;
      const { id: connectorId, version } = call.definition;
      sink({ connectorId, version, action: call.action, failed, findings: redactFindings(findings, secrets) });
    } catch {
      // Drift is reported on the side: it never changes what the call answers.
    }
  };
}

/** A further step as an action of its own: the step's request, the action's params and answer rules. */
function stepAction(action: ConnectorAction, step: ConnectorStep): ConnectorAction {
  // The action's own query, headers, body, done and capture rules belong to its first request only.
  const { method, path, query, headers, body, bodyType, done, capture } = step;
  return { ...action, method, path, query, headers, body, bodyType, done, capture };
}

/** The token request of an OAuth2 definition (its URL filled from the settings); undefined for other auth. */
function tokenRequest(call: ConnectorCall, settings: Record<string, unknown>, name: string): TokenRequest | undefined {
  const auth = authOf(call.definition, settings);
  if (auth?.type !== 'oauth2_client_credentials') return undefined;
  const tokenUrl = fillUrl(auth.tokenUrl, settings);
  if (tokenUrl === undefined)
    throw new ConnectorError('invalid_params', `${name}: a setting of the token URL is missing`);
  const { retryAfter } = call.definition;
  return { auth, tokenUrl, credential: call.credential, name, signal: call.signal, retryAfter };
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
