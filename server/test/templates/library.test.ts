import {
  DEFAULT_POLICIES,
  connectorProblems,
  evaluatePolicies,
  validateDocument,
  type WorkflowDocument,
} from '@autonomic/workflow';
import { describe, expect, it } from 'vitest';
import { createConnectorCatalog, versionsOf } from '../../src/connectors/catalog';
import { runCases, SafetyList } from '../../src/engine';
import { connectorsOf, loadTemplates } from '../../src/services/templates/library';
import { SHIPPED_CONNECTORS } from '../examples/support';

/**
 * Every template of the library (issue 17 §6, "templates create drafts whose tests pass"):
 * it loads with no problem, complies with the default safety policies under the settings
 * its draft gets, lists exactly the connectors its steps call (all shipped), and its test
 * cases pass as the server runs them, reaching every destructive step, showing each
 * refused on a protected target and following every wired error port.
 */
const templates = await loadTemplates();
const catalog = createConnectorCatalog();

/** Connector problems other than a credential not being stored (the draft's owner adds those). */
function connectorFaults(doc: WorkflowDocument): string[] {
  const used = Object.values(doc.steps).flatMap((s) =>
    s.type === 'connector' ? [String((s.params as Record<string, unknown>)['credential'])] : [],
  );
  const problems = connectorProblems(doc, {
    connectors: (id, version) => catalog.get(id, version),
    connectorVersions: (id) => versionsOf(catalog, id),
    credentials: used.map((name) => ({ name, connectorId: '', mode: 'test' as const })),
  });
  return problems.filter((p) => !/credential/i.test(p.message)).map((p) => `${p.nodeId}: ${p.message}`);
}

describe('the template library', () => {
  it('when loaded then it offers at least ten playbooks with distinct ids, among them the ten the issue names', () => {
    const ids = templates.map((t) => t.meta.id);

    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(
      expect.arrayContaining([
        'phishing-triage',
        'malicious-ip-containment',
        'endpoint-alert-enrichment',
        'ransomware-host-isolation',
        'account-takeover-containment',
        'malware-hash-triage',
        'suspicious-oauth-consent',
        'brute-force-login-lockout',
        'vulnerability-triage-ticketing',
        'leaver-offboarding',
      ]),
    );
  });
});

describe.each(templates.map((t) => [t.meta.id, t] as const))('template %s', (_id, t) => {
  const run = runCases(t.document, { connectors: SHIPPED_CONNECTORS, safety: SafetyList.parse({}) });

  it('when validated then it has no problem', () => {
    expect(validateDocument(t.document).problems).toEqual([]);
  });

  it('when checked against the default policies with its settings then nothing is violated', () => {
    const violations = evaluatePolicies(t.document, DEFAULT_POLICIES, {
      maxDestructivePerRun: t.settings.maxDestructivePerRun ?? null,
    });

    expect(violations).toEqual([]);
  });

  it('when its connectors are listed then they are exactly those its steps call, each shipped and used without a fault', () => {
    expect(t.meta.connectors.map((c) => c.id).sort()).toEqual(connectorsOf(t.document));
    expect(connectorsOf(t.document).filter((id) => !catalog.latest(id))).toEqual([]);
    expect(connectorFaults(t.document)).toEqual([]);
  });

  it('when its cases run then every one passes with at least one assertion', async () => {
    const { outcomes } = await run;

    expect(outcomes.length).toBeGreaterThanOrEqual(3);
    const failing = outcomes
      .filter((o) => !o.result.passed || o.result.assertions.length === 0)
      .map((o) => ({ name: o.result.name, failed: o.result.assertions.filter((a) => !a.passed), error: o.result }));
    expect(failing).toEqual([]);
  });

  it('when its cases have run then every destructive step is reached, refused on a protected target, and every error port followed', async () => {
    const { coverage } = await run;

    expect(coverage.destructive.filter((d) => d.reachedBy.length === 0).map((d) => d.stepId)).toEqual([]);
    expect(coverage.destructive.filter((d) => d.refusedBy.length === 0).map((d) => d.stepId)).toEqual([]);
    expect(coverage.errorPorts.filter((e) => e.cases.length === 0).map((e) => e.stepId)).toEqual([]);
  });
});
