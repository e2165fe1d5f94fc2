import { describe, expect, it } from 'vitest';
import { stepError, type EffectsPort } from '../../src/engine';
import { decisions, loadExample, outputAt, sampleNamed, simulateSample } from './support';

/*
 * edr_alert → scan_indicators (for-each, 5 at a time, onItemError: continue)
 *               ├item→ lookup_indicator (GET) → classify_indicator ─→ back to the for-each
 *               └done→ summarize_verdicts → is_high ─true→ isolate_host ─out→ notify_isolated
 *                                                    │                  └error→ notify_isolation_failed
 *                                                    └false→ notify_triage
 */
const ex = loadExample('endpoint-alert-enrichment');
const dropper = sampleNamed(ex, 'Credential dumper launched from a Word document');
const Event = (value: unknown) => value as { indicators: { type: string; value: string }[] };

describe('example endpoint-alert-enrichment', () => {
  it('when twelve indicators are scanned then there are twelve lookups, each with its own step key and value', async () => {
    const indicators = Array.from({ length: 12 }, (_, i) => ({ type: 'domain', value: `c2-${i}.example.org` }));
    const event = { ...Event(dropper.event), indicators };

    const sim = await simulateSample(ex, { ...dropper, event });

    const lookups = sim.trace.filter((a) => a.stepId === 'lookup_indicator');
    expect(lookups.map((a) => a.stepKey)).toEqual(indicators.map((_, i) => `lookup_indicator[${i}]`));
    expect(lookups.map((a) => a.input)).toEqual(
      indicators.map((ind) => expect.objectContaining({ query: { query: ind.value } })),
    );
    expect(outputAt(sim, 'summarize_verdicts')).toMatchObject({ checked: 12, failed: 0, malicious: 12 });
  });

  it("when the loop ends then each entry carries its item and the output of the item's last step", async () => {
    const sim = await simulateSample(ex, dropper);

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
      detections: 52,
      verdict: 'malicious',
    });
  });

  it('when the indicators are malicious then the host would be isolated and the SOC told', async () => {
    const sim = await simulateSample(ex, dropper);

    expect(outputAt(sim, 'summarize_verdicts')).toMatchObject({ checked: 3, malicious: 3, severity: 'high' });
    expect(decisions(sim)).toEqual([
      ['isolate_host', 'would-run'],
      ['notify_isolated', 'would-run'],
    ]);
    expect(sim.effects[0]).toMatchObject({
      action: 'isolate host wks-fin-042.corp.example',
      target: { kind: 'host', value: 'wks-fin-042.corp.example' },
    });
  });

  it('when the one indicator is clean then only a triage summary is sent', async () => {
    const sim = await simulateSample(ex, sampleNamed(ex, 'IT admin running PsExec'));

    expect(sim.trace.filter((a) => a.stepId === 'lookup_indicator')).toHaveLength(1);
    expect(decisions(sim)).toEqual([['notify_triage', 'would-run']]);
    expect(JSON.stringify(sim.effects[0]?.params)).toContain(
      '1 indicator(s) checked, 0 suspicious, 0 lookup(s) failed',
    );
  });

  it('when the host is the domain controller then the isolation is refused and the SOC told to respond by hand', async () => {
    const sim = await simulateSample(ex, sampleNamed(ex, 'Same detection on the domain controller (protected)'));

    expect(decisions(sim)).toEqual([
      ['isolate_host', 'refused'],
      ['notify_isolation_failed', 'would-run'],
    ]);
    expect(sim.effects[0]).toMatchObject({
      criticality: 'critical',
      reason:
        'dc01.corp.example is protected: Primary domain controller: isolating it stops every logon (owner: identity@corp.example)',
    });
  });

  it('when one lookup fails then the loop goes on and the summary counts it as failed', async () => {
    // No fixture: the reads go to this port, which knows nothing of the domain.
    const answer = dropper.fixtures.lookup_indicator;
    const liveReads: EffectsPort = {
      perform: async (req) =>
        JSON.stringify(req.params).includes('cdn-update.example.org')
          ? { ok: false, error: stepError('http_4xx', 'HTTP 404', { status: 404 }) }
          : { ok: true, output: answer },
    };

    const sim = await simulateSample(ex, { ...dropper, fixtures: {} }, { liveReads });

    const entries = outputAt(sim, 'scan_indicators') as { status: string; output?: unknown; error?: unknown }[];
    expect(entries.map((e) => e.status)).toEqual(['succeeded', 'failed', 'succeeded']);
    expect(entries[1]).toMatchObject({ error: { kind: 'http_4xx' } });
    expect(entries[1]).not.toHaveProperty('output');
    expect(outputAt(sim, 'summarize_verdicts')).toMatchObject({ checked: 2, failed: 1, malicious: 2 });
    expect(decisions(sim)[0]).toEqual(['isolate_host', 'would-run']);
  });
});
