/**
 * What a run of each example playbook looks like, step by step (the step ids, node types
 * and effect classes of examples/<slug>/workflow.json: every call out is a `connector`
 * step), with realistic failure rates and the vendors' error messages. `incident` marks
 * the demo's ongoing firewall outage (see history.ts).
 */
import type { Outcome, RunBuilder } from './history-builder';
import {
  falconUnavailable,
  jiraBadGateway,
  slackNotInChannel,
  slackRateLimited,
  smtpTryLater,
  vtQuota,
  vtTransient,
  vtUnknownUrl,
} from './history-errors';
import { err } from './history-builder';
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

/** The examples' retry policy for VirusTotal lookups (its public quota is 4 a minute). */
const VT_POLICY = { maxAttempts: 4, initialDelayMs: 15_000, multiplier: 2 };

const iso = (ms: number) => new Date(ms).toISOString();
const hex = (rng: Rng, n: number) => Array.from({ length: n }, () => rng.int(0, 15).toString(16)).join('');

/** A Slack post (every example's notifications); rarely rate-limited or refused. */
function slackPost(b: RunBuilder, stepId: string): Outcome {
  const error = b.rng.chance(0.008) ? b.rng.pick([slackRateLimited, slackNotInChannel]) : undefined;
  b.attempt(stepId, 'connector', 'write', b.rng.between(150, 600), error ? { error } : {});
  return error ? b.fail(stepId, error) : { status: 'succeeded' };
}

/**
 * A for-each of VirusTotal lookups, one per item, on `onItemError: continue`: a lookup
 * that fails (a URL VirusTotal never saw, a quota that outlasts the retries) fails its
 * item only. @returns how many items failed
 */
function vtLoop(b: RunBuilder, loopId: string, stepId: string, action: string, items: number): number {
  const loop = b.attempt(loopId, 'foreach', 'none', 1, { port: 'item' });
  let failed = 0;
  for (let i = 0; i < items; i++) {
    const key = `${stepId}[${i}]`;
    if (action === 'url_report' && b.rng.chance(0.03)) {
      b.attempt(stepId, 'connector', 'read', b.rng.between(200, 700), { key, error: vtUnknownUrl(hex(b.rng, 24)) });
      failed++;
      continue;
    }
    const errors = [vtQuota(action), vtTransient(action)];
    if (b.retried(stepId, 'connector', 'read', { key, ms: [300, 2_500], failP: 0.05, errors, policy: VT_POLICY })) {
      failed++;
    }
  }
  loop.finishedAt = Math.round(b.t);
  loop.port = 'done';
  return failed;
}

export const phishingTriage: Profile = (b, { rng, eventAt }) => {
  const sender = rng.pick([
    'billing@secure-docu-sign.example.net',
    'it-support@corp-helpdesk.example.org',
    'noreply@partner-payroll.example.com',
    'hr@benefits-portal.example.net',
    'ceo.office@c0rp.example.com',
  ]);
  const urls = rng.int(0, 3);
  const files = rng.int(0, 2);
  const event = {
    message_id: `<${hex(rng, 12)}@mx.example.net>`,
    received_at: iso(eventAt),
    sender,
    reporter: rng.pick(['j.martin', 'l.okafor', 'a.nguyen', 't.berg', 'm.rossi']) + '@corp.example',
    subject: rng.pick([
      'Action required: invoice awaiting your signature',
      'Your mailbox is almost full',
      'Your November payslip is available',
      'Urgent wire transfer',
      'Password expires today',
    ]),
    urls: Array.from({ length: urls }, (_, i) => `https://${sender.split('@')[1]}/r/${hex(rng, 8)}?n=${i}`),
    attachments: Array.from({ length: files }, (_, i) => ({
      filename: `document-${i + 1}.html`,
      sha256: hex(rng, 64),
    })),
  };
  b.attempt('extract_iocs', 'transform', 'none', rng.between(4, 25));
  const failed =
    vtLoop(b, 'scan_urls', 'check_url', 'url_report', urls) +
    vtLoop(b, 'scan_hashes', 'check_hash', 'file_report', files);
  b.attempt('lookups_ok', 'condition', 'none', rng.between(1, 4), { port: String(failed === 0) });
  if (failed > 0) return { event, outcome: slackPost(b, 'notify_enrichment_failed') };
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
      b.attempt('open_ticket', 'connector', 'write', rng.between(300, 1_500), { error: jiraBadGateway });
      return { event, outcome: b.fail('open_ticket', jiraBadGateway) };
    }
    b.attempt('open_ticket', 'connector', 'write', rng.between(300, 900));
    return { event, outcome: slackPost(b, 'notify_soc') };
  }
  if (rng.chance(0.01)) {
    b.attempt('notify_reporter', 'connector', 'write', rng.between(200, 900), { error: smtpTryLater });
    return { event, outcome: b.fail('notify_reporter', smtpTryLater) };
  }
  b.attempt('notify_reporter', 'connector', 'write', rng.between(200, 900));
  return { event, outcome: { status: 'succeeded' } };
};

/** The indicator kinds an EDR extracts (files most often), and the lookup step and VirusTotal action of each. */
const KINDS = ['sha256', 'sha256', 'sha256', 'domain', 'domain', 'ip', 'url', 'md5'] as const;
const LOOKUP: Record<(typeof KINDS)[number], [string, string]> = {
  sha256: ['lookup_file', 'file_report'],
  md5: ['lookup_file', 'file_report'],
  domain: ['lookup_domain', 'domain_report'],
  ip: ['lookup_ip', 'ip_report'],
  url: ['lookup_url', 'url_report'],
};

export const endpointEnrichment: Profile = (b, { rng, eventAt }) => {
  const host = `wks-${rng.pick(['fin', 'hr', 'it', 'dev', 'ops'])}-${String(rng.int(1, 240)).padStart(3, '0')}.corp.example`;
  const kinds = Array.from({ length: rng.int(1, 6) }, () => rng.pick(KINDS));
  const event = {
    alert_id: `EDR-${hex(rng, 8)}`,
    detected_at: iso(eventAt),
    host: { hostname: host },
    user: `CORP\\${rng.pick(['a.nguyen', 't.berg', 'm.rossi', 'l.okafor'])}`,
    process: { name: rng.pick(['rundll32.exe', 'powershell.exe', 'mshta.exe', 'wscript.exe', 'psexec64.exe']) },
    indicators: kinds.map((type) => ({ type, value: type === 'md5' ? hex(rng, 32) : hex(rng, 16) })),
  };
  const loop = b.attempt('scan_indicators', 'foreach', 'none', 1, { port: 'item' });
  kinds.forEach((kind, i) => {
    b.attempt('route_indicator', 'switch', 'none', rng.between(1, 3), { key: `route_indicator[${i}]`, port: kind });
    const [stepId, action] = LOOKUP[kind];
    const failed = b.retried(stepId, 'connector', 'read', {
      key: `${stepId}[${i}]`,
      ms: [300, 2_500],
      failP: 0.05,
      errors: [vtQuota(action), vtTransient(action)],
      policy: VT_POLICY,
    });
    // A failed lookup ends its item (onItemError: continue): it is not classified.
    if (!failed) {
      b.attempt('classify_indicator', 'transform', 'none', rng.between(2, 10), { key: `classify_indicator[${i}]` });
    }
  });
  loop.finishedAt = Math.round(b.t);
  loop.port = 'done';
  b.attempt('summarize_verdicts', 'transform', 'none', rng.between(3, 15));
  const high = rng.chance(0.4);
  b.attempt('is_high', 'condition', 'none', rng.between(1, 3), { port: String(high) });
  if (!high) return { event, outcome: slackPost(b, 'notify_triage') };
  // The demo's workstations are on the auto-OK list: contained without an approval (a host
  // off the list would wait for one, and a protected host is never auto-OK).
  b.attempt('host_safety', 'safety-lookup', 'none', rng.between(1, 5));
  b.attempt('host_auto_ok', 'condition', 'none', rng.between(1, 3), { port: 'true' });
  if (rng.chance(0.03)) {
    const error = falconUnavailable;
    b.attempt('isolate_host', 'connector', 'destructive', rng.between(200, 4_000), { error, port: 'error' });
    return { event, outcome: slackPost(b, 'notify_isolation_failed') };
  }
  b.attempt('isolate_host', 'connector', 'destructive', rng.between(800, 4_000));
  return { event, outcome: slackPost(b, 'notify_isolated') };
};
