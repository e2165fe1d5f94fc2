import { describe, expect, it } from 'vitest';
import { stepError, type EffectsPort } from '../../src/engine';
import { connectorInput, decisions, loadExample, caseNamed, simulateCase, WITH_DEMO_CREDENTIALS } from './support';

/*
 * reported_email → extract_iocs → scan_urls (for-each) ─item→ check_url (VirusTotal url_report) ─→ back
 *                                   └done→ scan_hashes (for-each) ─item→ check_hash (VirusTotal file_report) ─→ back
 *                                            └done→ lookups_ok ─true→ score_message → is_malicious
 *                                                      │                 ─true→ open_ticket (Jira) → notify_soc (Slack)
 *                                                      │                 ─false→ notify_reporter (SMTP)
 *                                                      └false→ notify_enrichment_failed (Slack)
 */
const ex = loadExample('phishing-triage');
const phish = caseNamed(ex, 'Credential-phishing invoice with HTML attachment');
const BAD_URL = 'https://secure-docu-sign.example.net/view?doc=INV-20931&u=j.martin';

describe('example phishing-triage', () => {
  it('when the credential-phishing sample is simulated then a Jira issue is opened and Slack gets its key', async () => {
    const sim = await simulateCase(ex, phish);

    expect(sim.path).toEqual([
      'extract_iocs',
      'check_url[0]',
      'scan_urls',
      'check_hash[0]',
      'scan_hashes',
      'lookups_ok',
      'score_message',
      'is_malicious',
      'open_ticket',
      'notify_soc',
    ]);
    expect(decisions(sim)).toEqual([
      ['open_ticket', 'would-run'],
      ['notify_soc', 'would-run'],
    ]);
    const [ticket, soc] = sim.effects;
    expect(ticket?.action).toBe('Jira Cloud: Create an issue');
    expect(ticket?.params).toMatchObject({
      credential: 'jira-demo',
      input: {
        project: 'SOC',
        summary:
          'Phishing reported by j.martin@corp.example: Action required: invoice INV-20931 awaiting your signature',
      },
    });
    const description = JSON.stringify(ticket?.params);
    expect(description).toContain('scored 100/100');
    expect(description).toContain(`Malicious URLs: ${BAD_URL}`);
    expect(description).toContain('Families: trojan.htmlphish/credstealer');
    expect(soc).toMatchObject({ action: 'Slack: Post a message', params: { input: { channel: '#soc-phishing' } } });
    // The issue key the create answered with (the pinned action's example in a simulation).
    expect(JSON.stringify(soc?.params)).toContain('Jira SOC-42.');
  });

  it('when the IOCs are extracted then only the external URL is looked up, by its VirusTotal identifier', async () => {
    const sim = await simulateCase(ex, phish);

    const lookups = sim.trace.filter((a) => a.stepId === 'check_url').map((a) => a.stepKey);
    expect(lookups).toEqual(['check_url[0]']);
    expect(connectorInput(sim, 'check_url[0]')).toEqual({ id: Buffer.from(BAD_URL).toString('base64url') });
    expect(connectorInput(sim, 'check_hash[0]')).toEqual({
      hash: '9f2c1e0b7d4a5c3e8b6f1a2d3c4e5f60718293a4b5c6d7e8f9012a3b4c5d6e7f',
    });
  });

  it('when the legitimate payroll sample is simulated then only the reporter is e-mailed that it looks safe', async () => {
    const sim = await simulateCase(ex, caseNamed(ex, 'Legitimate payroll notification'));

    expect(sim.trace.filter((a) => a.stepId === 'check_hash')).toEqual([]);
    expect(decisions(sim)).toEqual([['notify_reporter', 'would-run']]);
    expect(sim.effects[0]).toMatchObject({
      action: 'E-mail (SMTP): Send an e-mail',
      params: { credential: 'smtp-demo', input: { to: 'l.okafor@corp.example' } },
    });
    expect(JSON.stringify(sim.effects[0]?.params)).toContain('score 0/100');
  });

  it('when a VirusTotal lookup fails then nothing is scored and the SOC is asked to triage by hand', async () => {
    // No fixtures: the reads go to this port, which has never heard of the URL.
    const liveReads: EffectsPort = {
      perform: async (req) =>
        req.stepId === 'check_url'
          ? { ok: false, error: stepError('http_4xx', 'VirusTotal answered 404 NotFoundError', { status: 404 }) }
          : { ok: true, output: phish.fixtures.check_hash?.output },
    };

    const sim = await simulateCase(ex, { ...phish, fixtures: {} }, { liveReads, connectors: WITH_DEMO_CREDENTIALS });

    expect(sim.status).toBe('succeeded');
    expect(sim.path.slice(-2)).toEqual(['lookups_ok', 'notify_enrichment_failed']);
    expect(decisions(sim)).toEqual([['notify_enrichment_failed', 'would-run']]);
    expect(JSON.stringify(sim.effects[0]?.params)).toContain('1 VirusTotal lookup(s) failed');
  });
});
