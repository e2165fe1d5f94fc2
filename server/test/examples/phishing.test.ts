import { describe, expect, it } from 'vitest';
import { decisions, loadExample, sampleNamed, simulateSample } from './support';

/*
 * reported_email → extract_iocs → check_urls (GET) → check_hashes (GET) → score_message → is_malicious
 *   ─true→ open_ticket → notify_soc
 *   ─false→ notify_reporter
 */
const ex = loadExample('phishing-triage');

describe('example phishing-triage', () => {
  it('when the credential-phishing sample is simulated then a ticket is opened and the SOC is alerted', async () => {
    const sim = await simulateSample(ex, sampleNamed(ex, 'Credential-phishing invoice with HTML attachment'));

    expect(decisions(sim)).toEqual([
      ['open_ticket', 'would-run'],
      ['notify_soc', 'would-run'],
    ]);
    const [ticket, soc] = sim.effects;
    expect(ticket?.action).toBe('send a ticket message to SOC-PHISHING');
    expect(ticket?.params).toMatchObject({
      subject: 'Phishing reported by j.martin@corp.example: Action required: invoice INV-20931 awaiting your signature',
    });
    const message = JSON.stringify(ticket?.params);
    expect(message).toContain('scored 100/100');
    expect(message).toContain('Malicious URLs: https://secure-docu-sign.example.net/view?doc=INV-20931&u=j.martin');
    expect(message).toContain('Families: HTML/Phish.CredStealer');
    expect(soc).toMatchObject({ action: 'send a slack message to #soc-phishing' });
    expect(JSON.stringify(soc?.params)).toContain('Ticket example-message-id.');
  });

  it('when the IOCs are extracted then the internal URL is not sent for reputation', async () => {
    const sim = await simulateSample(ex, sampleNamed(ex, 'Credential-phishing invoice with HTML attachment'));

    expect(sim.trace.find((a) => a.stepId === 'check_urls')?.input).toMatchObject({
      query: { urls: 'https://secure-docu-sign.example.net/view?doc=INV-20931&u=j.martin' },
    });
  });

  it('when the legitimate payroll sample is simulated then only the reporter is told it looks safe', async () => {
    const sim = await simulateSample(ex, sampleNamed(ex, 'Legitimate payroll notification'));

    expect(decisions(sim)).toEqual([['notify_reporter', 'would-run']]);
    expect(sim.effects[0]?.params).toMatchObject({ channel: 'email', to: 'l.okafor@corp.example' });
    expect(JSON.stringify(sim.effects[0]?.params)).toContain('score 0/100');
  });
});
