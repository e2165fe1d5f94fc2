/**
 * PagerDuty's Events API v2 on 127.0.0.1 as `events.pagerduty.com` answers it: `POST
 * /v2/enqueue` with a JSON event whose `routing_key` names the integration (400 `invalid
 * event` for a malformed or unknown key — the Events API has no 401), the event checked as
 * PagerDuty checks it (400 with its `errors` list), 202 `Event processed` with the dedup key
 * (generated when the event has none), alerts kept by dedup key (trigger opens or updates,
 * acknowledge, resolve), and 429 `throttle event` without Retry-After.
 */
import { randomUUID } from 'node:crypto';
import { startVendorMock, type MockAnswer, type VendorMock } from '../vendor-mock';

export const ROUTING_KEY = 'R0212P1QXGEIQE2NMTQ7L7WXD00DWHIN';

export interface PdAlert {
  status: 'triggered' | 'acknowledged' | 'resolved';
  summary: string;
  severity: string;
  /** Trigger events merged into this alert. */
  triggers: number;
}

export interface PagerDutyMock extends VendorMock {
  /** Alerts by dedup key. */
  alerts: Map<string, PdAlert>;
}

const invalid = (...errors: string[]): MockAnswer => ({
  status: 400,
  body: { status: 'invalid event', message: 'Event object is invalid', errors },
});
const SEVERITIES = ['critical', 'error', 'warning', 'info'];

function event(text: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? Object.fromEntries(Object.entries(v)) : undefined;
  } catch {
    return undefined;
  }
}

/** PagerDuty's checks of a trigger's payload, in its words. */
function payloadErrors(payload: unknown): string[] {
  if (typeof payload !== 'object' || payload === null) return ["'payload' is missing or blank"];
  const p = new Map(Object.entries(payload));
  const errors: string[] = [];
  for (const f of ['summary', 'source']) {
    const v = p.get(f);
    if (typeof v !== 'string' || v.trim() === '') errors.push(`'payload.${f}' is missing or blank`);
  }
  if (!SEVERITIES.includes(String(p.get('severity')))) {
    errors.push(`'payload.severity' is invalid (must be one of: ${SEVERITIES.join(', ')})`);
  }
  return errors;
}

export async function startPagerDutyMock(): Promise<PagerDutyMock> {
  const alerts = new Map<string, PdAlert>();
  const mock = await startVendorMock({
    authFailure(req) {
      const key = event(req.body)?.['routing_key'];
      if (typeof key !== 'string' || key.length !== 32) {
        return invalid("Length of 'routing_key' is incorrect (should be 32 characters)");
      }
      return key === ROUTING_KEY ? undefined : invalid('Invalid routing key');
    },
    rateLimited: () => ({
      status: 429,
      body: {
        status: 'throttle event',
        message: 'Requests for this service are arriving too quickly.  Please retry later.',
      },
    }),
    route(req) {
      if (req.method !== 'POST' || req.path !== '/v2/enqueue') return { status: 404, body: null, text: 'Not Found' };
      const e = event(req.body);
      if (!e)
        return {
          status: 400,
          body: { status: 'invalid event', message: 'Event object is invalid', errors: ['Invalid JSON'] },
        };
      const action = e['event_action'];
      const given = typeof e['dedup_key'] === 'string' && e['dedup_key'] !== '' ? e['dedup_key'] : undefined;
      if (action === 'trigger') {
        const errors = payloadErrors(e['payload']);
        if (errors.length > 0) return invalid(...errors);
        const payload = e['payload'] as { summary: string; severity: string };
        const key = given ?? randomUUID().replaceAll('-', '');
        const open = alerts.get(key);
        const merged = open && open.status !== 'resolved';
        alerts.set(key, {
          status: merged ? open.status : 'triggered',
          summary: payload.summary,
          severity: payload.severity,
          triggers: (merged ? open.triggers : 0) + 1,
        });
        return { status: 202, body: { status: 'success', message: 'Event processed', dedup_key: key } };
      }
      if (action === 'acknowledge' || action === 'resolve') {
        if (!given) return invalid("'dedup_key' is missing or blank");
        const alert = alerts.get(given);
        // An unknown or resolved alert is not an error: the event is processed and changes nothing.
        if (alert && alert.status !== 'resolved') alert.status = action === 'resolve' ? 'resolved' : 'acknowledged';
        return { status: 202, body: { status: 'success', message: 'Event processed', dedup_key: given } };
      }
      return invalid("'event_action' is invalid (must be one of: trigger, acknowledge, resolve)");
    },
  });
  return Object.assign(mock, { alerts });
}
