import { connectorParams, connectorProblems } from '@autonomic/workflow';
import { describe, expect, it } from 'vitest';
import { createConnectorCatalog, versionsOf } from '../../src/connectors/catalog';
import { checkAnswer } from '../../src/connectors/schemas';
import { DEMO_CREDENTIALS } from '../../src/seed/credentials';
import { runCases } from '../../src/engine';
import { exampleNames, loadExample, SHIPPED_CONNECTORS } from './support';

const catalog = createConnectorCatalog();

/**
 * Every test case of every example, run as the server runs them on a saved version:
 * the case's fixtures, approvals and safety entries on top of the folder's safety list,
 * the shipped connectors' examples, nothing sent. Each case must pass, and together they
 * must reach every destructive step, show it refused on a protected target, and follow
 * every wired error port: what the review policy asks of a high-risk change.
 */
describe.each(exampleNames())('example %s', (name) => {
  const ex = loadExample(name);
  const cases = ex.doc.tests.map((c) => [c.name, c] as const);
  const run = runCases(ex.doc, { connectors: SHIPPED_CONNECTORS, safety: ex.safety });

  it('when loaded then it has at least three cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(3);
  });

  it.each(cases)('when case "%s" runs then every assertion holds', async (caseName) => {
    const { outcomes } = await run;
    const outcome = outcomes.find((o) => o.result.name === caseName);

    expect(outcome?.result.assertions.length).toBeGreaterThan(0);
    expect(outcome?.result.assertions.filter((a) => !a.passed)).toEqual([]);
    expect(outcome?.result.passed).toBe(true);
  });

  it.each(cases)('when case "%s" runs then every read it reaches is answered by its fixtures', async (caseName, c) => {
    const { outcomes } = await run;
    const sim = outcomes.find((o) => o.result.name === caseName)?.simulation;

    const reads = (sim?.trace ?? []).filter((a) => a.effect === 'read').map((a) => a.stepId);
    expect(reads.filter((id) => !Object.hasOwn(c.fixtures, id))).toEqual([]);
  });

  it('when the cases have run then every destructive step is reached, refused on a protected target, and every error port followed', async () => {
    const { coverage } = await run;

    expect(coverage.destructive.filter((d) => d.reachedBy.length === 0).map((d) => d.stepId)).toEqual([]);
    expect(coverage.destructive.filter((d) => d.refusedBy.length === 0).map((d) => d.stepId)).toEqual([]);
    expect(coverage.errorPorts.filter((e) => e.cases.length === 0).map((e) => e.stepId)).toEqual([]);
  });

  it("when a case's output fixture stands in for a connector step then it fits the action's response schema", () => {
    const checked = ex.doc.tests.flatMap((c) =>
      Object.entries(c.fixtures).flatMap(([id, fixture]) =>
        (fixture.sequence ?? [fixture]).flatMap((answer) => {
          if (answer.output === undefined) return [];
          const p = connectorParams(ex.doc.steps[id]?.params);
          if (!p) return [];
          const action = catalog.get(p.connector, p.version)?.actions[p.action];
          if (!action) return [`${c.name} ${id}: not a connector step of an installed action`];
          const answered = checkAnswer(action.response, answer.output);
          return answered.ok ? [null] : [`${c.name} ${id}: ${answered.problems.join('; ')}`];
        }),
      ),
    );

    expect(checked.length).toBeGreaterThan(0);
    expect(checked.filter((c) => c !== null)).toEqual([]);
  });

  it('when every connector step is listed then each names a demo credential the seed creates, of its own connector', () => {
    const steps = Object.entries(ex.doc.steps).flatMap(([id, s]) => {
      const p = s.type === 'connector' ? connectorParams(s.params) : undefined;
      return p ? [{ id, connector: p.connector, credential: p.credential }] : [];
    });

    expect(steps.length).toBeGreaterThan(0);
    const seeded = new Map(DEMO_CREDENTIALS.map((c) => [c.name, c.connectorId]));
    expect(steps.filter((s) => seeded.get(s.credential) !== s.connector)).toEqual([]);
  });

  it('when checked against the shipped connectors and the demo credentials then no connector step has a problem', () => {
    const credentials = DEMO_CREDENTIALS.map((c) => ({
      name: c.name,
      connectorId: c.connectorId,
      mode: 'test' as const,
    }));

    const problems = connectorProblems(ex.doc, {
      connectors: (id, version) => catalog.get(id, version),
      connectorVersions: (id) => versionsOf(catalog, id),
      credentials,
    });

    expect(problems).toEqual([]);
  });
});
