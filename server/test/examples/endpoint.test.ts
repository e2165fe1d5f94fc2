import { describe, expect, it } from 'vitest';
import { stepError, type EffectsPort } from '../../src/engine';
import {
  connectorInput,
  decisions,
  loadExample,
  outputAt,
  caseNamed,
  simulateCase,
  WITH_DEMO_CREDENTIALS,
} from './support';

/*
 * edr_alert → scan_indicators (for-each, 5 at a time, onItemError: continue)
 *               ├item→ route_indicator (switch on item.type)
 *               │        ├sha256, md5→ lookup_file ─┐
 *               │        ├domain→ lookup_domain ────┤  (VirusTotal reports)
 *               │        ├ip→ lookup_ip ────────────┼→ classify_indicator ─→ back to the for-each
 *               │        └url→ lookup_url ──────────┘
 *               └done→ summarize_verdicts → is_high ─false→ notify_triage            (every notify_* is a Slack message)
 *                                              └true→ host_safety (safety lookup of the host) → host_auto_ok
 *     host_auto_ok ─true→ isolate_host (CrowdStrike contain_host) ─out→ notify_isolated
 *          │                   ▲                                  └error→ notify_isolation_failed
 *          └false→ approve_containment ─approved┘
 *                              └rejected, timeout→ notify_not_contained
 */
const ex = loadExample('endpoint-alert-enrichment');
const dropper = caseNamed(ex, 'Credential dumper launched from a Word document');
const Event = (value: unknown) => value as { indicators: { type: string; value: string }[] };

describe('example endpoint-alert-enrichment', () => {
  it('when twelve domains are scanned then there are twelve domain lookups, each with its own step key and value', async () => {
    const indicators = Array.from({ length: 12 }, (_, i) => ({ type: 'domain', value: `c2-${i}.example.org` }));
    const event = { ...Event(dropper.event), indicators };

    const sim = await simulateCase(ex, { ...dropper, event });

    const lookups = sim.trace.filter((a) => a.stepId === 'lookup_domain');
    expect(lookups.map((a) => a.stepKey)).toEqual(indicators.map((_, i) => `lookup_domain[${i}]`));
    expect(lookups.map((a) => connectorInput(sim, a.stepKey))).toEqual(
      indicators.map((ind) => ({ domain: ind.value })),
    );
    expect(outputAt(sim, 'summarize_verdicts')).toMatchObject({ checked: 12, failed: 0, malicious: 12 });
  });

  it('when each kind of indicator comes in then each goes to the VirusTotal report of its kind', async () => {
    const url = 'http://cdn-update.example.org/upd4821.dll';
    const indicators = [
      { type: 'md5', value: '8d3f5a1c2b4e6f7a9c0d1e2f3a4b5c6d' },
      { type: 'url', value: url },
      ...Event(dropper.event).indicators,
    ];

    const sim = await simulateCase(ex, { ...dropper, event: { ...Event(dropper.event), indicators } });

    const called = sim.trace
      .filter((a) => a.stepId.startsWith('lookup_'))
      .map((a) => [a.stepKey, (a.input as { action: string }).action]);
    expect(called.sort()).toEqual([
      ['lookup_domain[3]', 'domain_report'],
      ['lookup_file[0]', 'file_report'],
      ['lookup_file[2]', 'file_report'],
      ['lookup_ip[4]', 'ip_report'],
      ['lookup_url[1]', 'url_report'],
    ]);
    // No fixture for the URL: the url_report's example answers, which five engines call malicious.
    expect(connectorInput(sim, 'lookup_url[1]')).toEqual({ id: Buffer.from(url).toString('base64url') });
    expect(outputAt(sim, 'summarize_verdicts')).toMatchObject({ checked: 5, failed: 0 });
  });

  it("when the loop ends then each entry carries its item and the output of the item's last step", async () => {
    const sim = await simulateCase(ex, dropper);

    const { indicators } = Event(dropper.event);
    expect(outputAt(sim, 'scan_indicators')).toEqual(
      indicators.map((item, index) => ({
        index,
        item,
        status: 'succeeded',
        output: outputAt(sim, `classify_indicator[${index}]`),
      })),
    );
    expect(outputAt(sim, 'classify_indicator[1]')).toEqual({
      type: 'domain',
      value: 'cdn-update.example.org',
      detections: 11,
      verdict: 'malicious',
    });
  });

  it('when the indicators are malicious and the host is auto-OK then it would be contained through CrowdStrike at once and the SOC told', async () => {
    const sim = await simulateCase(ex, dropper);

    expect(outputAt(sim, 'summarize_verdicts')).toMatchObject({ checked: 3, malicious: 3, severity: 'high' });
    expect(outputAt(sim, 'host_safety')).toMatchObject({ target: 'wks-fin-042.corp.example', autoOk: true });
    expect(sim.trace.some((a) => a.stepId === 'approve_containment')).toBe(false);
    expect(decisions(sim)).toEqual([
      ['isolate_host', 'auto-ok'],
      ['notify_isolated', 'would-run'],
    ]);
    expect(sim.effects[0]).toMatchObject({
      effect: 'destructive',
      params: { connector: 'crowdstrike-falcon', action: 'contain_host', credential: 'falcon-demo' },
      target: { kind: 'host', value: 'wks-fin-042.corp.example' },
    });
  });

  it('when the one indicator is clean then only a triage summary is sent', async () => {
    const sim = await simulateCase(ex, caseNamed(ex, 'IT admin running PsExec'));

    expect(sim.trace.filter((a) => a.stepId.startsWith('lookup_'))).toHaveLength(1);
    expect(decisions(sim)).toEqual([['notify_triage', 'would-run']]);
    expect(JSON.stringify(sim.effects[0]?.params)).toContain(
      '1 indicator(s) checked, 0 suspicious, 0 lookup(s) failed',
    );
  });

  it('when the host is the domain controller then the containment is refused and the SOC told why, to respond by hand', async () => {
    const sim = await simulateCase(ex, caseNamed(ex, 'Same detection on the domain controller (protected)'));

    expect(outputAt(sim, 'host_safety')).toMatchObject({ protected: true, autoOk: false });
    expect(sim.trace.some((a) => a.stepId === 'approve_containment')).toBe(true);
    expect(decisions(sim)).toEqual([
      ['isolate_host', 'refused'],
      ['notify_isolation_failed', 'would-run'],
    ]);
    const reason =
      'dc01.corp.example is protected: Primary domain controller: isolating it stops every logon (owner: identity@corp.example)';
    expect(sim.effects[0]).toMatchObject({ criticality: 'critical', reason });
    expect(JSON.stringify(sim.effects[1]?.params)).toContain(`refused: ${reason}`);
  });

  it('when one lookup fails then the loop goes on and the summary counts it as failed', async () => {
    // No fixtures: the reads go to this port, which knows nothing of the domain.
    const liveReads: EffectsPort = {
      perform: async (req) =>
        req.stepId === 'lookup_domain'
          ? { ok: false, error: stepError('http_4xx', 'VirusTotal answered 404 NotFoundError', { status: 404 }) }
          : { ok: true, output: dropper.fixtures[req.stepId]?.output },
    };

    const sim = await simulateCase(ex, { ...dropper, fixtures: {} }, { liveReads, connectors: WITH_DEMO_CREDENTIALS });

    const entries = outputAt(sim, 'scan_indicators') as { status: string; output?: unknown; error?: unknown }[];
    expect(entries.map((e) => e.status)).toEqual(['succeeded', 'failed', 'succeeded']);
    expect(entries[1]).toMatchObject({ error: { kind: 'http_4xx' } });
    expect(entries[1]).not.toHaveProperty('output');
    expect(outputAt(sim, 'summarize_verdicts')).toMatchObject({ checked: 2, failed: 1, malicious: 2 });
    expect(decisions(sim)[0]).toEqual(['isolate_host', 'auto-ok']);
  });

  it('when the host is not on the auto-OK list then an analyst is asked, told why, and only their approval contains it', async () => {
    const offList = caseNamed(ex, 'Host off the auto-OK list: the analyst approves the containment');

    const sim = await simulateCase(ex, offList);

    expect(outputAt(sim, 'host_safety')).toMatchObject({ target: 'wks-hr-117.corp.example', autoOk: false });
    const asked = sim.trace.find((a) => a.stepId === 'approve_containment');
    expect(JSON.stringify(asked?.input)).toContain('It is not on the auto-OK list, so a person decides');
    expect(decisions(sim)).toEqual([
      ['isolate_host', 'would-run'],
      ['notify_isolated', 'would-run'],
    ]);
  });

  it('when the analyst declines then nothing is contained and the SOC is told a person must respond', async () => {
    const sim = await simulateCase(ex, caseNamed(ex, 'Host off the auto-OK list: the analyst declines'));

    expect(decisions(sim)).toEqual([['notify_not_contained', 'would-run']]);
    const text = JSON.stringify(sim.effects[0]?.params);
    expect(text).toContain('wks-hr-117.corp.example (CORP\\\\t.berg) is not on the auto-OK list');
    expect(text).toContain('(approval rejected)');
  });
});
