import { describe, expect, it } from 'vitest';
import { exampleNames, loadExample, simulateSample } from './support';

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
  });

  it.each(samples)('when sample "%s" is simulated then every read it reaches has a fixture', async (_, sample) => {
    const sim = await simulateSample(ex, sample);

    const reads = sim.trace.filter((a) => a.effect === 'read').map((a) => a.stepId);
    expect(reads.length).toBeGreaterThan(0);
    expect(reads.filter((id) => !Object.hasOwn(sample.fixtures, id))).toEqual([]);
  });
});
