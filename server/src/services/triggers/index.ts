export {
  createWebhookService,
  webhookUnauthorized,
  type WebhookService,
  type WebhookDelivery,
} from './webhook-service';
export { createWebhookSecrets, signedCurlExample, type WebhookSecrets } from './webhook-secret';
export {
  signWebhook,
  generateWebhookSecret,
  TIMESTAMP_HEADER,
  SIGNATURE_HEADER,
  DELIVERY_HEADER,
  REPLAY_WINDOW_SECONDS,
} from './signature';
export { createScheduler, type Scheduler, type SchedulerOptions } from './scheduler';
