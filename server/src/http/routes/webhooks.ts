/** The webhook trigger: POST a signed event, get the run id (or, on request, the run's result). Contract: `triggersApi.deliver`. */
import { triggersApi, WEBHOOK_MAX_WAIT_MS, type WebhookAccepted } from '@autonomic/api';
import type { IncomingHttpHeaders } from 'node:http';
import { TERMINAL } from '../../engine';
import { AppError, ValidationError } from '../../errors';
import { DELIVERY_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, type WebhookService } from '../../services/triggers';
import { rawBodyOf, type RouteModule } from '../app';
import { Reply } from '../route';

export interface WebhookRouteDeps {
  webhooks: WebhookService;
}

const header = (headers: IncomingHttpHeaders, name: string) => {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
};

/** `Prefer: wait=<seconds>` (RFC 7240), capped at WEBHOOK_MAX_WAIT_MS. */
function preferredWaitMs(headers: IncomingHttpHeaders): number | undefined {
  const m = /(?:^|[,;\s])wait=(\d{1,6})\b/i.exec(header(headers, 'prefer') ?? '');
  return m?.[1] ? Math.min(Number(m[1]) * 1000, WEBHOOK_MAX_WAIT_MS) : undefined;
}

/** A delivery as both the Express route and the fast path (../hooks-fast-path.ts) see it. */
export interface HookRequest {
  workflowId: string;
  /** `?wait=` in ms, already checked (≤ WEBHOOK_MAX_WAIT_MS). */
  wait: number | undefined;
  headers: IncomingHttpHeaders;
  /** The exact bytes that were signed; undefined when there was no JSON body. */
  rawBody: Buffer | undefined;
  body: unknown;
}

export interface HookAnswer {
  status: number;
  body: WebhookAccepted;
  /** `Preference-Applied` when the caller waited. */
  preferenceApplied?: string;
}

/** The delivery's answer (throws AppError for a refusal). */
export async function deliverHook(webhooks: WebhookService, d: HookRequest): Promise<HookAnswer> {
  if (!d.rawBody) throw new AppError(400, 'invalid_body', 'send a JSON body with Content-Type: application/json');
  const delivery = header(d.headers, DELIVERY_HEADER);
  if (delivery !== undefined && !/^[\x21-\x7e]{1,200}$/.test(delivery)) {
    throw new ValidationError('invalid delivery id', [
      { path: `headers.${DELIVERY_HEADER}`, message: 'up to 200 printable ASCII characters' },
    ]);
  }
  const waitMs = d.wait ?? preferredWaitMs(d.headers);
  const started = await webhooks.accept({
    workflowId: d.workflowId,
    timestamp: header(d.headers, TIMESTAMP_HEADER),
    signature: header(d.headers, SIGNATURE_HEADER),
    delivery,
    rawBody: d.rawBody,
    event: d.body,
    awaitEnd: waitMs !== undefined && waitMs > 0,
  });
  // A repeat queued nothing: 200 with the first run's id, not 202 (accepted for processing).
  if (!waitMs) return { status: started.deduplicated ? 200 : 202, body: started };
  const preferenceApplied = `wait=${Math.ceil(waitMs / 1000)}`;
  const run = await webhooks.waitForRun(started.runId, waitMs);
  if (!TERMINAL.has(run.status)) return { status: 202, body: { ...started, status: run.status }, preferenceApplied };
  const body = { ...started, status: run.status, output: run.output ?? null, error: run.error ?? null };
  return { status: 200, body, preferenceApplied };
}

export function webhookRoutes({ webhooks }: WebhookRouteDeps): RouteModule {
  return (api) => {
    api.add(triggersApi.deliver, async ({ params, query, body, req, res }) => {
      const answer = await deliverHook(webhooks, {
        workflowId: params.workflowId,
        wait: query.wait,
        headers: req.headers,
        rawBody: rawBodyOf(req),
        body,
      });
      if (answer.preferenceApplied) res.setHeader('Preference-Applied', answer.preferenceApplied);
      return answer.status === 202 ? answer.body : new Reply(answer.status, answer.body);
    });
  };
}
