import { afterAll, describe, expect, it } from 'vitest';
import { cli, CONTAINMENT, readJsonFile, simulation, tempFolder } from './harness';

const workflow = `${CONTAINMENT}/workflow.json`;
const safety = `${CONTAINMENT}/safety.json`;
const tmp = tempFolder('cli-sample');
afterAll(() => tmp.remove());

describe('cli simulate --sample', () => {
  it('when a stored sample meets its expectation then exit 0 and the run uses its event and fixtures', async () => {
    const run = await cli(
      'simulate',
      workflow,
      '--sample',
      'SSH brute force from a known-abusive hosting IP',
      '--safety',
      safety,
      '--json',
    );

    expect(run.err).toEqual([]);
    expect(run.code).toBe(0);
    const sim = simulation(run);
    expect(sim.path).toContain('block_ip');
    expect(sim.effects.find((e) => e.stepId === 'block_ip')?.decision).toBe('would-run');
  });

  it('when the run misses the expectation then exit 1 with one line per mismatch on stderr', async () => {
    // The protected sample expects the refusal; without the safety list the block goes through.
    const run = await cli('simulate', workflow, '--sample', 'Alert on our own egress address (protected)');

    expect(run.code).toBe(1);
    expect(run.err.length).toBeGreaterThan(0);
    expect(run.err.join('\n')).toMatch(/expected (status|path)/);
  });

  it('when the sample name is unknown then exit 1 listing the samples', async () => {
    const run = await cli('simulate', workflow, '--sample', 'nope');

    expect(run.code).toBe(1);
    expect(run.err[0]).toContain('no sample named "nope"');
    expect(run.err[0]).toContain('SSH brute force');
  });

  it('when both --event and --sample are given then it is a usage error', async () => {
    const doc = readJsonFile(workflow);
    const event = tmp.write('event.json', JSON.stringify((doc as { samples: { event: unknown }[] }).samples[0]?.event));
    const run = await cli('simulate', workflow, '--event', event, '--sample', 'x');

    expect(run.code).toBe(2);
    expect(run.err[0]).toContain('either --event or --sample');
  });
});
