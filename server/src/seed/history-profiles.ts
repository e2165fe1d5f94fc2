/**
 * What a run of each example playbook looks like, step by step (the step ids, node types
 * and effect classes of examples/<slug>/workflow.json), with realistic failure rates and
 * error messages. `incident` marks the demo's ongoing firewall outage (see history.ts).
 */
import { err, type Outcome, type RunBuilder } from './history-builder';
import type { Rng } from './history-random';

export interface Person {
  id: string;
  username: string;
}

export interface RunContext {
  rng: Rng;
  /** Started by an analyst rather than by the alert's webhook. */
  manual: boolean;
  /** The alert's own time (epoch ms). */
  eventAt: number;
  incident: boolean;
  reviewers: readonly Person[];
  oncall: Person | null;
}

export interface PlannedRun {
  event: Record<string, unknown>;
  outcome: Outcome;
}

export type Profile = (b: RunBuilder, c: RunContext) => PlannedRun;

const TI = { maxAttempts: 3, initialDelayMs: 2_000, multiplier: 2 };
const SLACK_429 = err('http_429', 'Slack API answered 429 Too Many Requests (rate_limited)', 429);

const iso = (ms: number) => new Date(ms).toISOString();
const hex = (rng: Rng, n: number) => Array.from({ length: n }, () => rng.int(0, 15).toString(16)).join('');

export const phishingTriage: Profile = (b, { rng, eventAt }) => {
  const sender = rng.pick([
    'billing@secure-docu-sign.example.net',
    'it-support@corp-helpdesk.example.org',
    'noreply@partner-payroll.example.com',
    'hr@benefits-portal.example.net',
    'ceo.office@c0rp.example.com',
  ]);
  const event = {
    message_id: `<${hex(rng, 12)}@mx.example.net>`,
    timestamp: iso(eventAt),
    sender,
    reporter: rng.pick(['j.martin', 'l.okafor', 'a.nguyen', 't.berg', 'm.rossi']) + '@corp.example',
    subject: rng.pick([
      'Action required: invoice awaiting your signature',
      'Your mailbox is almost full',
      'Your November payslip is available',
      'Urgent wire transfer',
      'Password expires today',
    ]),
  };
  b.attempt('extract_iocs', 'transform', 'none', rng.between(4, 25));
  const tiErrors = [
    err('http_5xx', 'TI gateway answered 503 Service Unavailable', 503),
    err('timeout', 'no answer within 20000 ms'),
  ];
  for (const stepId of ['check_urls', 'check_hashes']) {
    const failed = b.retried(stepId, 'http', 'read', { ms: [250, 1_800], failP: 0.06, errors: tiErrors, policy: TI });
    if (failed) {
      b.attempt('notify_enrichment_failed', 'notify', 'write', rng.between(150, 700));
      return { event, outcome: { status: 'succeeded' } };
    }
  }
  if (rng.chance(0.006)) {
    const e = err('expression', '$min() expects an array of numbers, got null in "$min([100, 60 * $count($badUrls) …"');
    b.attempt('score_message', 'transform', 'none', rng.between(3, 12), { error: e });
    return { event, outcome: b.fail('score_message', e) };
  }
  b.attempt('score_message', 'transform', 'none', rng.between(3, 12));
  const malicious = rng.chance(0.35);
  b.attempt('is_malicious', 'condition', 'none', rng.between(1, 4), { port: String(malicious) });
  if (malicious) {
    if (rng.chance(0.012)) {
      const e = err('http_5xx', 'ticketing API answered 502 Bad Gateway', 502);
      b.attempt('open_ticket', 'notify', 'write', rng.between(300, 1_500), { error: e });
      return { event, outcome: b.fail('open_ticket', e) };
    }
    b.attempt('open_ticket', 'notify', 'write', rng.between(300, 900));
    if (rng.chance(0.008)) {
      b.attempt('notify_soc', 'notify', 'write', rng.between(150, 500), { error: SLACK_429 });
      return { event, outcome: b.fail('notify_soc', SLACK_429) };
    }
    b.attempt('notify_soc', 'notify', 'write', rng.between(150, 500));
    return { event, outcome: { status: 'succeeded' } };
  }
  if (rng.chance(0.01)) {
    const e = err('network', 'SMTP relay mail.corp.example refused: 451 4.7.1 try again later');
    b.attempt('notify_reporter', 'notify', 'write', rng.between(200, 900), { error: e });
    return { event, outcome: b.fail('notify_reporter', e) };
  }
  b.attempt('notify_reporter', 'notify', 'write', rng.between(200, 900));
  return { event, outcome: { status: 'succeeded' } };
};

export const endpointEnrichment: Profile = (b, { rng, eventAt }) => {
  const host = `wks-${rng.pick(['fin', 'hr', 'it', 'dev', 'ops'])}-${String(rng.int(1, 240)).padStart(3, '0')}.corp.example`;
  const indicators = rng.int(1, 6);
  const event = {
    alert_id: `EDR-${hex(rng, 8)}`,
    timestamp: iso(eventAt),
    host: { hostname: host },
    process: { name: rng.pick(['rundll32.exe', 'powershell.exe', 'mshta.exe', 'wscript.exe', 'psexec64.exe']) },
    indicators: indicators,
  };
  const loop = b.attempt('scan_indicators', 'foreach', 'none', 1, { port: 'item' });
  const quota = err('http_429', 'VirusTotal answered 429 Too Many Requests (quota: 4 lookups/min)', 429);
  for (let i = 0; i < indicators; i++) {
    b.retried('lookup_indicator', 'http', 'read', {
      key: `lookup_indicator[${i}]`,
      ms: [300, 2_500],
      failP: 0.05,
      errors: [quota, err('http_5xx', 'VirusTotal answered 503 Service Unavailable', 503)],
      policy: { maxAttempts: 4, initialDelayMs: 15_000, multiplier: 2 },
    });
    b.attempt('classify_indicator', 'transform', 'none', rng.between(2, 10), { key: `classify_indicator[${i}]` });
  }
  loop.finishedAt = Math.round(b.t);
  loop.port = 'done';
  b.attempt('summarize_verdicts', 'transform', 'none', rng.between(3, 15));
  const high = rng.chance(0.4);
  b.attempt('is_high', 'condition', 'none', rng.between(1, 3), { port: String(high) });
  if (!high) {
    b.attempt('notify_triage', 'notify', 'write', rng.between(150, 600));
    return { event, outcome: { status: 'succeeded' } };
  }
  const refusal = rng.chance(0.02)
    ? err('safety', `${host} is protected: executive laptop (owner: IT operations)`)
    : rng.chance(0.03)
      ? err('http_5xx', 'EDR API answered 502 Bad Gateway', 502)
      : undefined;
  if (refusal) {
    b.attempt('isolate_host', 'isolate-host', 'destructive', rng.between(200, 4_000), {
      error: refusal,
      port: 'error',
    });
    b.attempt('notify_isolation_failed', 'notify', 'write', rng.between(150, 600));
    return { event, outcome: { status: 'succeeded' } };
  }
  b.attempt('isolate_host', 'isolate-host', 'destructive', rng.between(800, 4_000));
  if (rng.chance(0.01)) {
    b.attempt('notify_isolated', 'notify', 'write', rng.between(150, 600), { error: SLACK_429 });
    return { event, outcome: b.fail('notify_isolated', SLACK_429) };
  }
  b.attempt('notify_isolated', 'notify', 'write', rng.between(150, 600));
  return { event, outcome: { status: 'succeeded' } };
};
