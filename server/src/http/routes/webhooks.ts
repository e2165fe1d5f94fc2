/** The webhook trigger: POST a signed event, get the run id (or, on request, the run's result). Contract: `triggersApi.deliver`. */
import { triggersApi, WEBHOOK_MAX_WAIT_MS } from '@autonomic/api';
import type { Request } from 'express';
import { TERMINAL } from '../../engine';
import { AppError, ValidationError } from '../../errors';
import { DELIVERY_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, type WebhookService } from '../../services/triggers';
import { rawBodyOf, type RouteModule } from '../app';
import { Reply } from '../route';

export interface WebhookRouteDeps {
  webhooks: WebhookService;
}

const header = (req: Request, name: string) => {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
};

/** `Prefer: wait=<seconds>` (RFC 7240), capped at WEBHOOK_MAX_WAIT_MS. */
function preferredWaitMs(req: Request): number | undefined {
  const m = /(?:^|[,;\s])wait=(\d{1,6})\b/i.exec(header(req, 'prefer') ?? '');
  return m?.[1] ? Math.min(Number(m[1]) * 1000, WEBHOOK_MAX_WAIT_MS) : undefined;
}

export function webhookRoutes({ webhooks }: WebhookRouteDeps): RouteModule {
  return (api) => {
    api.add(triggersApi.deliver, async ({ params, query, body, req, res }) => {
      const rawBody = rawBodyOf(req);
      if (!rawBody) throw new AppError(400, 'invalid_body', 'send a JSON body with Content-Type: application/json');
      const delivery = header(req, DELIVERY_HEADER);
      if (delivery !== undefined && !/^[\x21-\x7e]{1,200}$/.test(delivery)) {
        throw new ValidationError('invalid delivery id', [
          { path: `headers.${DELIVERY_HEADER}`, message: 'up to 200 printable ASCII characters' },
        ]);
      }
      const waitMs = query.wait ?? preferredWaitMs(req);
      const started = await webhooks.accept({
        workflowId: params.workflowId,
        timestamp: header(req, TIMESTAMP_HEADER),
        signature: header(req, SIGNATURE_HEADER),
        delivery,
        rawBody,
        event: body,
        awaitEnd: waitMs !== undefined && waitMs > 0,
      });
      // A repeat queued nothing: 200 with the first run's id, not 202 (accepted for processing).
      if (!waitMs) return started.deduplicated ? new Reply(200, started) : started;
      res.setHeader('Preference-Applied', `wait=${Math.ceil(waitMs / 1000)}`);
      const run = await webhooks.waitForRun(started.runId, waitMs);
      if (!TERMINAL.has(run.status)) return { ...started, status: run.status };
      return new Reply(200, { ...started, status: run.status, output: run.output ?? null, error: run.error ?? null });
    });
  };
}
