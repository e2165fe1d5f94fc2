import { connectorParams, connectorProblems } from '@autonomic/workflow';
import { describe, expect, it } from 'vitest';
import { createConnectorCatalog, versionsOf } from '../../src/connectors/catalog';
import { checkAnswer } from '../../src/connectors/schemas';
import { DEMO_CREDENTIALS } from '../../src/seed/credentials';
import { exampleNames, loadExample, simulateSample } from './support';

const catalog = createConnectorCatalog();

/**
 * Every stored sample of every example, simulated as a reviewer would: the sample's own
 * fixtures, the folder's safety list. The folder's fixtures.json is not merged under
 * them: it answers the first sample, and merged under another it would hide a read that
 * sample forgot to answer (the benign phishing sample would score as malicious).
 */
describe.each(exampleNames())('example %s', (name) => {
  const ex = loadExample(name);
  const samples = ex.doc.samples.map((s) => [s.name, s] as const);

  it('when loaded then it has samples to simulate', () => {
    expect(samples.length).toBeGreaterThanOrEqual(2);
  });

  it.each(samples)('when sample "%s" is simulated then it ends as its expect says', async (_, sample) => {
    // Every sample states at least how it ends, so this test always checks something.
    expect(sample.expect?.status).toBeDefined();

    const sim = await simulateSample(ex, sample);

    expect(sim.status).toBe(sample.expect?.status);
    if (sample.expect?.path) expect(sim.path).toEqual(sample.expect.path);
    expect(sim.notes).toEqual([]);
  });

  it.each(samples)('when sample "%s" is simulated then every read it reaches has a fixture', async (_, sample) => {
    const sim = await simulateSample(ex, sample);

    const reads = sim.trace.filter((a) => a.effect === 'read').map((a) => a.stepId);
    expect(reads.length).toBeGreaterThan(0);
    expect(reads.filter((id) => !Object.hasOwn(sample.fixtures, id))).toEqual([]);
  });

  it("when a sample's fixture stands in for a connector step then it fits the action's response schema", () => {
    const checked = ex.doc.samples.flatMap((sample) =>
      Object.entries(sample.fixtures).map(([id, fixture]) => {
        const p = connectorParams(ex.doc.steps[id]?.params);
        const action = p && catalog.get(p.connector, p.version)?.actions[p.action];
        if (!action) return `${sample.name} ${id}: not a connector step of an installed action`;
        const answer = checkAnswer(action.response, fixture);
        return answer.ok ? null : `${sample.name} ${id}: ${answer.problems.join('; ')}`;
      }),
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
