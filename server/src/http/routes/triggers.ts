/** A workflow's webhook secret: generated and shown once, rotated, removed; its URL (contract: `triggersApi`). */
import { triggersApi } from '@autonomic/api';
import type { Request } from 'express';
import type { WebhookSecrets } from '../../services/triggers';
import type { RouteModule } from '../app';

export interface TriggerRouteDeps {
  webhookSecrets: WebhookSecrets;
}

/** The hook URL as this request reached the server (behind a proxy: its Host and scheme). */
const hookUrl = (req: Request, workflowId: string) =>
  `${req.protocol}://${req.get('host') ?? 'localhost'}/api/hooks/${workflowId}`;

export function triggerRoutes({ webhookSecrets }: TriggerRouteDeps): RouteModule {
  return (api) => {
    api.add(triggersApi.webhook, async ({ params, req }) => ({
      url: hookUrl(req, params.id),
      ...(await webhookSecrets.status(params.id)),
    }));
    api.add(triggersApi.rotateSecret, ({ params, actor, req, res }) => {
      res.setHeader('Cache-Control', 'no-store');
      return webhookSecrets.rotate(params.id, actor, hookUrl(req, params.id));
    });
    api.add(triggersApi.status, ({ params }) => webhookSecrets.trigger(params.id));
    api.add(triggersApi.sendTest, ({ params, body, actor }) => webhookSecrets.sendTest(params.id, actor, body.event));
    api.add(triggersApi.removeSecret, ({ params, actor }) => webhookSecrets.remove(params.id, actor));
  };
}
