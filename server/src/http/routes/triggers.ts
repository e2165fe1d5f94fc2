/** A workflow's webhook secret: generated and shown once, rotated, removed; its URL. */
import type { Request } from 'express';
import { z } from 'zod';
import type { WebhookSecrets } from '../../services/triggers';
import type { RouteModule } from '../app';

export interface TriggerRouteDeps {
  webhookSecrets: WebhookSecrets;
}

const IdParams = z.object({ id: z.uuid() });

/** The hook URL as this request reached the server (behind a proxy: its Host and scheme). */
const hookUrl = (req: Request, workflowId: string) =>
  `${req.protocol}://${req.get('host') ?? 'localhost'}/api/hooks/${workflowId}`;

export function triggerRoutes({ webhookSecrets }: TriggerRouteDeps): RouteModule {
  return (api) => {
    api.add(
      {
        method: 'get',
        path: '/workflows/:id/webhook',
        summary: "The workflow's webhook URL and whether a secret is set (never the secret)",
        tag: 'triggers',
        access: 'authenticated',
        params: IdParams,
        response: z.object({ url: z.string(), configured: z.boolean() }),
      },
      async ({ params, req }) => ({ url: hookUrl(req, params.id), ...(await webhookSecrets.status(params.id)) }),
    );
    api.add(
      {
        method: 'post',
        path: '/workflows/:id/webhook-secret',
        summary: 'Generate or rotate the webhook secret (owner or admin); the answer is the only time it is shown',
        tag: 'triggers',
        access: ['analyst', 'admin'],
        params: IdParams,
        response: z.object({
          url: z.string(),
          secret: z.string(),
          headers: z.object({ timestamp: z.string(), signature: z.string(), delivery: z.string() }),
          example: z.string(),
        }),
        status: 201,
      },
      async ({ params, actor, req, res }) => {
        res.setHeader('Cache-Control', 'no-store');
        return webhookSecrets.rotate(params.id, actor, hookUrl(req, params.id));
      },
    );
    api.add(
      {
        method: 'delete',
        path: '/workflows/:id/webhook-secret',
        summary: 'Remove the webhook secret: deliveries are refused until a new one is generated (owner or admin)',
        tag: 'triggers',
        access: ['analyst', 'admin'],
        params: IdParams,
        status: 204,
      },
      async ({ params, actor }) => {
        await webhookSecrets.remove(params.id, actor);
        return undefined;
      },
    );
  };
}
