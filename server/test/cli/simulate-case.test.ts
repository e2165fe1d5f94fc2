import { afterAll, describe, expect, it } from 'vitest';
import { cli, CONTAINMENT, readJsonFile, simulation, tempFolder } from './harness';

const workflow = `${CONTAINMENT}/workflow.json`;
const safety = `${CONTAINMENT}/safety.json`;
const tmp = tempFolder('cli-case');
afterAll(() => tmp.remove());

describe('cli simulate --case', () => {
  it('when a stored case meets its assertions then exit 0 and the run uses its event and fixtures', async () => {
    const run = await cli(
      'simulate',
      workflow,
      '--case',
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

  it('when the run misses the case’s assertions then exit 1 with one line per failed assertion on stderr', async () => {
    // The case expects the block; rejecting every approval the case leaves undecided ends at notify_rejected.
    const name = 'SSH brute force from a known-abusive hosting IP';
    const run = await cli('simulate', workflow, '--case', name, '--approvals', 'rejected');

    expect(run.code).toBe(1);
    expect(run.err.length).toBeGreaterThan(0);
    for (const line of run.err) expect(line.startsWith(`case "${name}": `)).toBe(true);
    expect(run.err.join('\n')).toContain('path is enrich_ip → check_confidence → approve_block → block_ip');
    const [, held, total] = run.out.at(-1)?.match(/^Case ".+": (\d+) of (\d+) assertions hold$/) ?? [];
    expect(Number(held)).toBeLessThan(Number(total));
  });

  it('when the case injects a failure then the simulation follows it and the case’s assertions decide', async () => {
    const name = 'AbuseIPDB unavailable: the lookup fails after its retries';
    const run = await cli('simulate', workflow, '--case', name, '--json');

    expect(run.err).toEqual([]);
    expect(run.code).toBe(0);
    const sim = simulation(run);
    expect(sim.path).toContain('notify_enrichment_failed');
    expect(sim.trace.filter((a) => a.stepId === 'enrich_ip').map((a) => [a.status, a.error?.status])).toEqual([
      ['failed', 503],
      ['failed', 503],
      ['failed', 503],
    ]);
  });

  it('when the case name is unknown then exit 1 listing the cases', async () => {
    const run = await cli('simulate', workflow, '--case', 'nope');

    expect(run.code).toBe(1);
    expect(run.err[0]).toContain('no test case named "nope"');
    expect(run.err[0]).toContain('SSH brute force');
  });

  it('when both --event and --case are given then it is a usage error', async () => {
    const doc = readJsonFile(workflow);
    const event = tmp.write('event.json', JSON.stringify((doc as { tests: { event: unknown }[] }).tests[0]?.event));
    const run = await cli('simulate', workflow, '--event', event, '--case', 'x');

    expect(run.code).toBe(2);
    expect(run.err[0]).toContain('either --event or --case');
  });
});
