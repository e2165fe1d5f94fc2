/**
 * Slack's incoming-webhook endpoint on 127.0.0.1: `POST /services/<team>/<bot>/<secret>`
 * with a JSON body; `ok` in plain text, or the plain-text error codes Slack sends (403
 * `invalid_token` for a wrong secret, 404 `no_service` for an unknown webhook, 400
 * `invalid_payload` / `no_text`, 410 `channel_is_archived`, 429 `rate_limited` + Retry-After).
 */
import { startVendorMock, type MockRequest, type VendorMock } from '../vendor-mock';

export const WEBHOOK_PATH = '/services/T0001AB2C/B07ABCD1234';
export const WEBHOOK_SECRET = 'xZ9kQ2vLr8NpW3tYbH5mJcDe';

export interface SlackWebhookMock extends VendorMock {
  /** The webhook URL a test uses as the credential. */
  url: string;
  /** Messages posted, as Slack got them. */
  posted: Array<Record<string, unknown>>;
  /** Answer 410 channel_is_archived from now on. */
  archived: { on: boolean };
}

const text = (status: number, body: string) => ({ status, body: null, text: body });

export async function startSlackWebhookMock(): Promise<SlackWebhookMock> {
  const posted: Array<Record<string, unknown>> = [];
  const archived = { on: false };
  const mock = await startVendorMock({
    authFailure(req: MockRequest) {
      if (!req.path.startsWith(`${WEBHOOK_PATH}/`)) return text(404, 'no_service');
      if (req.path !== `${WEBHOOK_PATH}/${WEBHOOK_SECRET}`) return text(403, 'invalid_token');
      return undefined;
    },
    rateLimited: (seconds) => ({ ...text(429, 'rate_limited'), headers: { 'retry-after': String(seconds) } }),
    route(req) {
      if (req.method !== 'POST') return text(405, 'invalid_method');
      let body: unknown;
      try {
        body = JSON.parse(req.body);
      } catch {
        return text(400, 'invalid_payload');
      }
      if (typeof body !== 'object' || body === null || Array.isArray(body)) return text(400, 'invalid_payload');
      const message = body as Record<string, unknown>;
      if (typeof message.text !== 'string' && !Array.isArray(message.blocks)) return text(400, 'no_text');
      if (archived.on) return text(410, 'channel_is_archived');
      posted.push(message);
      return text(200, 'ok');
    },
  });
  return Object.assign(mock, { url: `${mock.baseUrl}${WEBHOOK_PATH}/${WEBHOOK_SECRET}`, posted, archived });
}
