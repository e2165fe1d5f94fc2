import { describe, expect, it } from 'vitest';
import { decisions, loadExample, caseNamed, simulateEvent, simulateCase } from './support';

/*
 * siem_alert → enrich_ip (AbuseIPDB check_ip) → check_confidence ─true→ approve_block ─approved→ block_ip (FortiGate) ─out→ notify_blocked
 *                 └error→ notify_enrichment_failed        └false→ end_no_action │        └error→ notify_block_failed → end_block_failed
 *                                                                rejected→ notify_rejected, timeout→ notify_timeout → end_timed_out
 * Every notify_* is a Slack chat.postMessage.
 */
const ex = loadExample('malicious-ip-containment');
const event = ex.file('event.json');

describe('example malicious-ip-containment', () => {
  it('when a known-abusive IP is simulated then the approval comes first, then the FortiGate block would run, then Slack is told', async () => {
    const sim = await simulateEvent(ex, event);

    expect(sim.status).toBe('succeeded');
    expect(sim.path).toEqual(['enrich_ip', 'check_confidence', 'approve_block', 'block_ip', 'notify_blocked']);
    expect(decisions(sim)).toEqual([
      ['block_ip', 'would-run'],
      ['notify_blocked', 'would-run'],
    ]);
    const [block, notify] = sim.effects;
    expect(block).toMatchObject({
      effect: 'destructive',
      action: 'FortiGate: Block an IP address 192.0.2.45',
      target: { kind: 'ip', value: '192.0.2.45' },
    });
    expect(block?.params).toMatchObject({
      connector: 'fortigate',
      action: 'block_ip',
      credential: 'fortigate-demo',
      input: {
        ip: '192.0.2.45',
        group: 'SOAR-Blocklist',
        comment:
          'Autonomic: SSH brute force followed by successful login (alert SIEM-2026-118734), AbuseIPDB confidence 100%',
      },
    });
    expect(notify?.params).toMatchObject({
      connector: 'slack',
      action: 'chat_post_message',
      input: { channel: '#soc-containment', text: expect.stringContaining('Blocked 192.0.2.45') },
    });
  });

  it('when the AbuseIPDB lookup is sent then it asks about the source IP over 90 days with the demo credential', async () => {
    const sim = await simulateEvent(ex, event);

    expect(sim.trace.find((a) => a.stepId === 'enrich_ip')?.input).toMatchObject({
      connector: 'abuseipdb',
      action: 'check_ip',
      credential: 'abuseipdb-demo',
      input: { ipAddress: '192.0.2.45', maxAgeInDays: 90 },
    });
  });

  it('when the SIEM rule name is very long then the FortiGate comment is cut to the 255 characters FortiOS takes', async () => {
    const long = { ...(event as Record<string, unknown>), rule: 'x'.repeat(400) };

    const sim = await simulateEvent(ex, long);

    const comment = (sim.effects[0]?.params as { input: { comment: string } }).input.comment;
    expect(comment).toHaveLength(255);
    expect(sim.effects[0]?.decision).toBe('would-run');
  });

  it('when the source is in the protected egress range then the block is refused with the reason, Slack hears why and the run fails', async () => {
    const sim = await simulateEvent(ex, ex.file('event-protected.json'));

    expect(sim.status).toBe('failed');
    expect(sim.message).toBe('Block of 203.0.113.6 failed or was refused.');
    expect(sim.path.slice(-3)).toEqual(['block_ip', 'notify_block_failed', 'end_block_failed']);
    expect(decisions(sim)).toEqual([
      ['block_ip', 'refused'],
      ['notify_block_failed', 'would-run'],
    ]);
    const reason =
      '203.0.113.6 is protected: Corporate internet egress (NAT pool): blocking it cuts the whole company off (owner: network@corp.example)';
    expect(sim.effects[0]).toMatchObject({ criticality: 'critical', reason });
    expect(JSON.stringify(sim.effects[1]?.params)).toContain(`refused: ${reason}`);
  });

  it('when the source is in the auto-OK hosting range then the block is reported auto-ok with the reason', async () => {
    const inRange = {
      ...(event as Record<string, unknown>),
      src_ip: '192.0.2.200',
    };

    const sim = await simulateEvent(ex, inRange);

    expect(sim.effects[0]).toMatchObject({
      stepId: 'block_ip',
      decision: 'auto-ok',
      reason: 'Bullet-proof hosting range confirmed by threat intel; blocks need no approval',
    });
  });

  it('when the confidence is below the threshold then nothing is done and the message says why', async () => {
    const sim = await simulateCase(ex, caseNamed(ex, 'Port scan from a residential IP with few reports'));

    expect(sim.effects).toEqual([]);
    expect(sim.message).toBe('No action: 198.51.100.77 has abuse confidence 12%, below 75%.');
  });

  it('when nobody answers the approval then it times out after an hour and nothing is blocked', async () => {
    const sim = await simulateEvent(ex, event, { approvalPolicy: 'timeout' });

    expect(sim.status).toBe('failed');
    expect(decisions(sim)).toEqual([['notify_timeout', 'would-run']]);
    expect(sim.durationMs).toBe(60 * 60 * 1000);
  });
});
