/**
 * A run of malicious-ip-containment: reputation lookup, then (above the threshold) an
 * approval that escalates after 15 minutes to the on-call lead (break glass) and times out
 * after an hour, then the block on the perimeter FortiGate; every outcome is a Slack post.
 * During the demo's incident the FortiGate's REST API is down: approved blocks fail and
 * the run fails, which burns the SLO's error budget.
 */
import { newId } from '../db/ids';
import type { RunBuilder } from './history-builder';
import { abuseipdbTimeout, abuseipdbUnavailable, fortigateUnavailable, refused } from './history-errors';
import type { PlannedRun, Profile, RunContext } from './history-profiles';

const MINUTE = 60_000;
const ESCALATE_AFTER = 15 * MINUTE;
const DEADLINE = 60 * MINUTE;

type Decision = { at: number; level: number; by: 'reviewer' | 'oncall'; decision: 'approved' | 'rejected' } | null;

/** When and by whom the approval is decided; null: nobody answered within the hour. */
function decide(c: RunContext): Decision {
  const { rng } = c;
  if (rng.chance(0.025)) return null;
  const decision = rng.chance(0.08) ? 'rejected' : 'approved';
  if (rng.chance(0.68)) return { at: rng.skewed(0.5 * MINUTE, 14.5 * MINUTE), level: 0, by: 'reviewer', decision };
  const late = ESCALATE_AFTER + rng.skewed(0.5 * MINUTE, 25 * MINUTE);
  return { at: late, level: 1, by: c.oncall && rng.chance(0.7) ? 'oncall' : 'reviewer', decision };
}

function approval(b: RunBuilder, c: RunContext, decision: Decision): { port: string; decidedAt: number } {
  const opened = Math.round(b.t);
  const wait = decision ? decision.at : DEADLINE;
  const escalated = wait >= ESCALATE_AFTER;
  const reviewer = c.rng.pick(c.reviewers);
  const person = decision?.by === 'oncall' && c.oncall ? c.oncall : reviewer;
  const decidedAt = Math.round(opened + wait);
  const status = decision ? decision.decision : 'timed_out';
  b.approvals.push({
    id: newId(opened),
    runId: b.runId,
    stepKey: 'approve_block',
    taskId: `${b.runId}:approve_block`,
    spec: {
      runId: b.runId,
      stepId: 'approve_block',
      message: 'Block the source IP on the perimeter FortiGate (address group SOAR-Blocklist)?',
      deadline: opened + DEADLINE,
      onTimeout: 'timeout',
      levels: [
        { level: 0, users: [], roles: ['reviewer'], breakGlass: false },
        ...(c.oncall
          ? [
              {
                level: 1,
                users: [c.oncall.id],
                roles: [],
                breakGlass: true,
                at: opened + ESCALATE_AFTER,
                label: 'On-call lead (break glass)',
              },
            ]
          : []),
      ],
    },
    escalationLevel: escalated && c.oncall ? 1 : 0,
    status,
    decisions: decision
      ? [
          {
            userId: person.id,
            username: person.username,
            decision: decision.decision,
            level: decision.by === 'oncall' ? 1 : 0,
            breakGlass: decision.by === 'oncall',
            at: new Date(decidedAt).toISOString(),
          },
        ]
      : [],
    createdAt: opened,
    decidedAt,
  });
  const port = decision ? decision.decision : 'timeout';
  b.attempt('approve_block', 'approval', 'none', wait, { port });
  return { port, decidedAt };
}

export const maliciousIpContainment: Profile = (b, c): PlannedRun => {
  const { rng } = c;
  const ip = `${rng.pick(['192.0.2', '198.51.100', '203.0.113'])}.${rng.int(1, 254)}`;
  const event = {
    alert_id: `SIEM-2026-${rng.int(100_000, 999_999)}`,
    rule: rng.pick([
      'SSH brute force followed by successful login',
      'Port scan against DMZ',
      'Outbound connection to known C2 port',
      'Password spraying against VPN portal',
    ]),
    severity: rng.pick(['medium', 'high', 'high', 'critical']),
    src_ip: ip,
    dest_host: rng.pick(['bastion-02.corp.example', 'vpn-gw-01.corp.example', 'www-01.corp.example']),
    timestamp: new Date(c.eventAt).toISOString(),
  };
  const lookupFailed = b.retried('enrich_ip', 'connector', 'read', {
    ms: [200, 1_500],
    failP: 0.04,
    errors: [abuseipdbUnavailable, abuseipdbTimeout],
    policy: { maxAttempts: 3, initialDelayMs: 1_000, multiplier: 2 },
  });
  if (lookupFailed) {
    b.attempt('notify_enrichment_failed', 'connector', 'write', rng.between(150, 600));
    return { event, outcome: { status: 'succeeded' } };
  }
  const above = c.incident || rng.chance(0.55);
  b.attempt('check_confidence', 'condition', 'none', rng.between(1, 4), { port: String(above) });
  if (!above) {
    b.attempt('end_no_action', 'end', 'none', 1, { port: null });
    return { event, outcome: { status: 'succeeded' } };
  }
  const { port } = approval(b, c, decide(c));
  if (port === 'rejected') {
    b.attempt('notify_rejected', 'connector', 'write', rng.between(150, 600));
    return { event, outcome: { status: 'succeeded' } };
  }
  if (port === 'timeout') {
    b.attempt('notify_timeout', 'connector', 'write', rng.between(150, 600));
    b.attempt('end_timed_out', 'end', 'none', 1, { port: null });
    return { event, outcome: { status: 'failed', message: `Approval to block ${ip} timed out.` } };
  }
  const blockError = c.incident
    ? fortigateUnavailable
    : rng.chance(0.012)
      ? refused(ip, 'Corporate internet egress (NAT pool)', 'network@corp.example')
      : undefined;
  if (blockError) {
    b.attempt('block_ip', 'connector', 'destructive', rng.between(300, 30_000), { error: blockError, port: 'error' });
    b.attempt('notify_block_failed', 'connector', 'write', rng.between(150, 600));
    b.attempt('end_block_failed', 'end', 'none', 1, { port: null });
    return { event, outcome: { status: 'failed', message: `Block of ${ip} failed or was refused.` } };
  }
  b.attempt('block_ip', 'connector', 'destructive', rng.between(600, 3_000));
  b.attempt('notify_blocked', 'connector', 'write', rng.between(150, 600));
  return { event, outcome: { status: 'succeeded' } };
};
