import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/engine';
import { decisions, loadExample, sampleNamed, simulateSample } from './support';

/*
 * siem_alert → enrich_ip (GET) → check_confidence ─true→ approve_block ─approved→ block_ip ─out→ notify_blocked
 *                 └error→ notify_enrichment_failed  └false→ end_no_action │        └error→ notify_block_failed → end_block_failed
 *                                                          rejected→ notify_rejected, timeout→ notify_timeout → end_timed_out
 */
const ex = loadExample('malicious-ip-containment');
const event = ex.file('event.json');

describe('example malicious-ip-containment', () => {
  it('when a known-abusive IP is simulated then the approval comes first, then the block would run, then the SOC is told', async () => {
    const sim = await simulate(ex.doc, event, { fixtures: ex.fixtures, safety: ex.safety });

    expect(sim.status).toBe('succeeded');
    expect(sim.path).toEqual(['enrich_ip', 'check_confidence', 'approve_block', 'block_ip', 'notify_blocked']);
    expect(decisions(sim)).toEqual([
      ['block_ip', 'would-run'],
      ['notify_blocked', 'would-run'],
    ]);
    const [block, notify] = sim.effects;
    expect(block).toMatchObject({ effect: 'destructive', target: { kind: 'ip', value: '192.0.2.45' } });
    expect(block?.params).toMatchObject({
      ip: '192.0.2.45',
      duration: '24h',
      reason:
        'Autonomic: SSH brute force followed by successful login (alert SIEM-2026-118734), AbuseIPDB confidence 100%',
    });
    expect(notify?.params).toMatchObject({ channel: 'slack', to: '#soc-containment' });
  });

  it('when the source is in the protected egress range then the block is refused with the reason and the run fails', async () => {
    const sim = await simulate(ex.doc, ex.file('event-protected.json'), { fixtures: ex.fixtures, safety: ex.safety });

    expect(sim.status).toBe('failed');
    expect(sim.message).toBe('Block of 203.0.113.6 failed or was refused.');
    expect(sim.path.slice(-3)).toEqual(['block_ip', 'notify_block_failed', 'end_block_failed']);
    expect(decisions(sim)).toEqual([
      ['block_ip', 'refused'],
      ['notify_block_failed', 'would-run'],
    ]);
    expect(sim.effects[0]).toMatchObject({
      criticality: 'critical',
      reason:
        '203.0.113.6 is protected: Corporate internet egress (NAT pool): blocking it cuts the whole company off (owner: network@corp.example)',
    });
  });

  it('when the source is in the auto-OK hosting range then the block is reported auto-ok with the reason', async () => {
    const inRange = {
      ...(event as Record<string, unknown>),
      src_ip: '192.0.2.200',
    };

    const sim = await simulate(ex.doc, inRange, { fixtures: ex.fixtures, safety: ex.safety });

    expect(sim.effects[0]).toMatchObject({
      stepId: 'block_ip',
      decision: 'auto-ok',
      reason: 'Bullet-proof hosting range confirmed by threat intel; blocks need no approval',
    });
  });

  it('when the confidence is below the threshold then nothing is done and the message says why', async () => {
    const sim = await simulateSample(ex, sampleNamed(ex, 'Port scan from a residential IP with few reports'));

    expect(sim.effects).toEqual([]);
    expect(sim.message).toBe('No action: 198.51.100.77 has abuse confidence 12%, below 75%.');
  });

  it('when nobody answers the approval then it times out after an hour and nothing is blocked', async () => {
    const sim = await simulate(ex.doc, event, { fixtures: ex.fixtures, safety: ex.safety, approvals: 'timeout' });

    expect(sim.status).toBe('failed');
    expect(decisions(sim)).toEqual([['notify_timeout', 'would-run']]);
    expect(sim.durationMs).toBe(60 * 60 * 1000);
  });
});
