/** The webhook trigger: POST a signed event, get the run id (or, on request, the run's result). */
import type { Request } from 'express';
import { z } from 'zod';
import { TERMINAL, type RunStatus } from '../../engine';
import { DELIVERY_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, type WebhookService } from '../../services/triggers';
import { rawBodyOf, type RouteModule } from '../app';
import { AppError, ValidationError } from '../errors';

export interface WebhookRouteDeps {
  webhooks: WebhookService;
}

/** Longest a caller may hold the request open waiting for the run's result. */
export const MAX_WAIT_MS = 30_000;

const header = (req: Request, name: string) => {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
};

/** `Prefer: wait=<seconds>` (RFC 7240), capped at MAX_WAIT_MS. */
function preferredWaitMs(req: Request): number | undefined {
  const m = /(?:^|[,;\s])wait=(\d{1,6})\b/i.exec(header(req, 'prefer') ?? '');
  return m?.[1] ? Math.min(Number(m[1]) * 1000, MAX_WAIT_MS) : undefined;
}

const Accepted = z.object({
  runId: z.string(),
  deduplicated: z.boolean(),
  status: z.string().optional(),
  output: z.unknown().optional(),
  error: z.unknown().optional(),
});

export function webhookRoutes({ webhooks }: WebhookRouteDeps): RouteModule {
  return (api) => {
    api.add(
      {
        method: 'post',
        path: '/hooks/:workflowId',
        summary:
          `Start a run from a signed event. Headers: ${TIMESTAMP_HEADER} (unix seconds), ${SIGNATURE_HEADER} ` +
          `(sha256=hex HMAC-SHA256 of "<timestamp>.<body>"), optional ${DELIVERY_HEADER} (idempotency). ` +
          '202 with the run id; with ?wait=<ms> or Prefer: wait=<s> (≤ 30 s), 200 with the result if the run ends in time.',
        tag: 'triggers',
        access: 'public',
        params: z.object({ workflowId: z.string().max(64) }),
        query: z.object({ wait: z.coerce.number().int().min(0).max(MAX_WAIT_MS).optional() }),
        body: z.unknown(),
        response: Accepted,
        status: 202,
      },
      async ({ params, query, body, req, res }) => {
        const rawBody = rawBodyOf(req);
        if (!rawBody) throw new AppError(400, 'invalid_body', 'send a JSON body with Content-Type: application/json');
        const delivery = header(req, DELIVERY_HEADER);
        if (delivery !== undefined && !/^[\x21-\x7e]{1,200}$/.test(delivery)) {
          throw new ValidationError('invalid delivery id', [
            { path: `headers.${DELIVERY_HEADER}`, message: 'up to 200 printable ASCII characters' },
          ]);
        }
        const started = await webhooks.accept({
          workflowId: params.workflowId,
          timestamp: header(req, TIMESTAMP_HEADER),
          signature: header(req, SIGNATURE_HEADER),
          delivery,
          rawBody,
          event: body,
        });
        const waitMs = query.wait ?? preferredWaitMs(req);
        if (!waitMs) return started;
        res.setHeader('Preference-Applied', `wait=${Math.ceil(waitMs / 1000)}`);
        const run = await webhooks.waitForRun(started.runId, waitMs);
        const status: RunStatus = run.status;
        if (!TERMINAL.has(status)) return { ...started, status };
        res.status(200).json({ ...started, status, output: run.output ?? null, error: run.error ?? null });
        return undefined;
      },
    );
  };
}
