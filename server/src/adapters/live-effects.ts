import {
  httpErrorKind,
  stepError,
  StepFailure,
  type EffectRequest,
  type EffectResult,
  type EffectsPort,
} from '../engine';
import type { Logger } from '../log';
import type { SecretsVault } from '../services/contracts';
import { authHeaders, HttpParams, parseParams, text } from './effect-params';
import type { HttpClient, OutboundRequest } from './http-client';
import { decode, failure, output } from './effect-results';
import { scrub, scrubText } from './redact';

export interface LiveEffectsDeps {
  http: HttpClient;
  vault: SecretsVault;
  log: Logger;
  /** `connector` steps (`createConnectorEffect`); without it they fail with `validation`. */
  connectors?: EffectsPort;
}

/** A call to make, the statuses that count as success and the secrets to keep out of the trace. */
interface Call {
  request: OutboundRequest;
  expect: (status: number) => boolean;
  secrets: string[];
}

const is2xx = (s: number) => s >= 200 && s < 300;

/**
 * The effects port of live runs: `http` and connector steps, every one through the guarded HTTP client. Errors come back as StepErrors: HTTP statuses by kind
 * (`http_4xx`/`http_5xx`/`http_429`), transport failures as `network` (retryable), SSRF
 * refusals as `safety` and bad params or missing secrets as `validation` (not retried).
 * Secret values are scrubbed from outputs and messages.
 */
export function createLiveEffects({ http, vault, log, connectors }: LiveEffectsDeps): EffectsPort {
  return {
    async perform(req) {
      const secrets: string[] = [];
      const started = Date.now();
      const logger = log.child({ runId: req.runId, stepKey: req.stepKey, nodeType: req.nodeType });
      if (req.nodeType === 'connector') return connectorCall(req, connectors, logger, started);
      try {
        const call = await prepare(req, vault);
        secrets.push(...call.secrets);
        const res = await http.request({ ...call.request, signal: req.signal });
        logger.info({ origin: new URL(res.url).origin, status: res.status, ms: Date.now() - started }, 'outbound call');
        const body = decode(res);
        if (!call.expect(res.status)) {
          // Scrub before cutting: a secret across the cut would otherwise leave its first half.
          // A JSON body echoing credential headers loses their values too (scrub, not only scrubText).
          const snippet = scrubText(text(scrub(body, secrets)), secrets).slice(0, 200);
          const error = stepError(
            httpErrorKind(res.status),
            `HTTP ${res.status} from ${new URL(res.url).origin}: ${snippet}`,
            {
              status: res.status,
            },
          );
          return { ok: false, error };
        }
        return { ok: true, output: scrub(output(res, body), secrets) };
      } catch (e) {
        const error = failure(e, req.signal);
        logger.warn({ kind: error.kind, ms: Date.now() - started }, 'outbound call failed');
        return { ok: false, error: { ...error, message: scrubText(error.message, secrets) } };
      }
    },
  };
}

/** A connector step, through its own port; its errors are already StepErrors with the credential scrubbed. */
async function connectorCall(
  req: EffectRequest,
  connectors: EffectsPort | undefined,
  logger: Logger,
  started: number,
): Promise<EffectResult> {
  if (!connectors) {
    const error = stepError(
      'validation',
      'connector steps are not available: no connector credentials are configured',
      {
        retryable: false,
      },
    );
    return { ok: false, error };
  }
  try {
    const result = await connectors.perform(req);
    const outcome = result.ok ? { ok: true } : { kind: result.error.kind };
    logger.info({ ...outcome, ms: Date.now() - started }, 'connector call');
    return result;
  } catch (e) {
    const error = failure(e, req.signal);
    logger.warn({ kind: error.kind, ms: Date.now() - started }, 'connector call failed');
    return { ok: false, error };
  }
}

async function prepare(req: EffectRequest, vault: SecretsVault): Promise<Call> {
  switch (req.nodeType) {
    case 'http':
      return httpCall(req, vault);
    default:
      throw new StepFailure(
        stepError('internal', `no live effect for step type "${req.nodeType}"`, { retryable: false }),
      );
  }
}

async function httpCall(req: EffectRequest, vault: SecretsVault): Promise<Call> {
  const p = parseParams(HttpParams, req.params, 'http');
  let url: URL;
  try {
    url = new URL(p.url);
  } catch {
    throw new StepFailure(
      stepError('validation', `http: "${p.url.slice(0, 200)}" is not an absolute URL`, { retryable: false }),
    );
  }
  for (const [k, v] of Object.entries(p.query)) url.searchParams.append(k, text(v));
  const auth = await authHeaders(vault, p.auth, 'http');
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(p.headers)) headers[k.toLowerCase()] = text(v);
  let body: string | undefined;
  if (p.body !== undefined && p.body !== null && p.body !== '') {
    body = text(p.body);
    headers['content-type'] ??=
      typeof p.body === 'string' && !looksJson(p.body) ? 'text/plain; charset=utf-8' : 'application/json';
  }
  // A retried write after a crash carries the same key: a receiver that honours it acts once.
  // A key the step sets itself (a receiver's own format) is left as it is.
  if (req.effect === 'write' || req.effect === 'destructive') headers['idempotency-key'] ??= req.idempotencyKey;
  const expect = p.expectStatus ? (s: number) => p.expectStatus?.includes(s) ?? false : is2xx;
  return {
    request: {
      method: p.method,
      url: url.toString(),
      headers: { ...headers, ...auth.headers },
      ...(body === undefined ? {} : { body }),
      ...(auth.header ? { sensitiveHeaders: [auth.header] } : {}),
    },
    expect,
    secrets: auth.secrets,
  };
}

const looksJson = (s: string) => /^\s*[[{"]/.test(s);
