/**
 * Failures of the example playbooks' connector steps as the connector client words them
 * (`<connector>.<action>: HTTP <status>[ after n attempts]: <the vendor's body>`), with
 * each vendor's own error bodies, so the demo's failed steps read like real ones.
 */
import { err } from './history-builder';
import type { StepErrorData } from '../store/dashboard-history';

const http = (kind: string, action: string, status: number, body: unknown, attempts = 3): StepErrorData => {
  const tries = attempts > 1 ? ` after ${attempts} attempts` : '';
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return err(kind, `${action}: HTTP ${status}${tries}: ${text}`, status);
};

/** VirusTotal's `{ error: { code, message } }`. */
const vt = (action: string, status: number, code: string, message: string, attempts = 3) =>
  http(
    status === 429 ? 'http_429' : status >= 500 ? 'http_5xx' : 'http_4xx',
    `virustotal.${action}`,
    status,
    {
      error: { code, message },
    },
    attempts,
  );

export const vtQuota = (action: string) => vt(action, 429, 'QuotaExceededError', 'Quota exceeded');
export const vtTransient = (action: string) => vt(action, 503, 'TransientError', 'Please retry your request');
/** A URL VirusTotal has never seen: a 404, not retried. */
export const vtUnknownUrl = (id: string) => vt('url_report', 404, 'NotFoundError', `URL "${id}" not found`, 1);

export const slackRateLimited = http('http_429', 'slack.chat_post_message', 429, { ok: false, error: 'ratelimited' });
export const slackNotInChannel = err('http_4xx', 'slack.chat_post_message: HTTP 200 reported not_in_channel');

export const abuseipdbUnavailable = http('http_5xx', 'abuseipdb.check_ip', 503, {
  errors: [{ detail: 'The service is temporarily unavailable. Please try again later.', status: 503 }],
});
export const abuseipdbTimeout = err('network', 'abuseipdb.check_ip: connect ETIMEDOUT 172.67.72.88:443');

/** The perimeter FortiGate's REST API down (the demo's incident). */
export const fortigateUnavailable = http('http_5xx', 'fortigate.block_ip', 503, {
  http_method: 'POST',
  status: 'error',
  http_status: 503,
  vdom: 'root',
});

export const jiraBadGateway = http(
  'http_5xx',
  'jira.create_issue',
  502,
  '<html><head><title>502 Bad Gateway</title></head><body>Bad Gateway</body></html>',
);

export const smtpTryLater = err(
  'http_429',
  'email-smtp.send_email: SMTP 451 after 3 attempts: Message failed: 451 4.7.1 Temporary server error. Please try again later',
  451,
);

export const falconUnavailable = http('http_5xx', 'crowdstrike-falcon.contain_host', 502, {
  meta: { query_time: 0.000402, trace_id: 'a1c3e5f7-0b2d-4f6a-8c9e-1d3f5b7a9c0e' },
  resources: [],
  errors: [{ code: 502, message: 'Bad Gateway' }],
});

/** A refusal by the safety list, as the engine words it. */
export const refused = (value: string, reason: string, owner: string) =>
  err('safety', `refused: ${value} is protected: ${reason} (owner: ${owner})`);
