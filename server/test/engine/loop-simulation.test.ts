import { StepFixture, TestCase, validateDocument } from '@autonomic/workflow';
import { describe, expect, it } from 'vitest';
import { formatSimulation } from '../../src/cli/report';
import { runCase, simulate } from '../../src/engine';
import { get, post, step, workflow } from './harness';

const ok = (count: number) => ({ output: { status: 200, headers: {}, body: { count } } });
const fixtures = (f: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(f).map(([id, v]) => [id, StepFixture.parse(v)]));

/**
 * start → repeat (until steps.count.output.body.count = 0, at most 5 rounds)
 *           ─body→ count (GET) → revoke (POST) → back to repeat
 *           ─done→ summary (end: the loop's output)
 *           ─max_reached→ (not connected)
 */
const playbook = workflow('repeat', {
  repeat: step(
    'loop',
    { until: 'steps.count.output.body.count = 0', check: 'after', maxRounds: 5 },
    { body: 'count', done: 'summary' },
  ),
  count: get('https://idp.example/sessions/count', { out: 'revoke' }),
  revoke: post('https://idp.example/sessions/revoke', { out: 'repeat' }),
  summary: step('end', { status: 'succeeded', output: 'steps.repeat.output' }),
});

describe('simulation of a repeat-until loop with per-round fixtures', () => {
  it('when the document is validated then it has no problem and warns that "Maximum reached" is not connected', () => {
    const v = validateDocument(playbook);
    expect(v.problems).toEqual([]);
    expect(v.warnings).toMatchObject([{ nodeId: 'repeat', path: 'transitions.max_reached' }]);
  });

  it('when the fixture sequence reaches 0 then the simulation ends by "Condition met" with no bound reported', async () => {
    const sim = await simulate(
      playbook,
      {},
      { fixtures: fixtures({ count: { sequence: [ok(3), ok(2), ok(1), ok(0)] } }) },
    );

    expect(sim.status).toBe('succeeded');
    expect(sim.path.filter((k) => k.startsWith('count'))).toEqual(['count[0]', 'count[1]', 'count[2]', 'count[3]']);
    expect(sim.output).toEqual({ rounds: 4, reason: 'condition' });
    expect(sim.bounds).toBeUndefined();
    expect(sim.effects.filter((e) => e.stepId === 'revoke')).toHaveLength(4);
  });

  it('when the sequence never reaches 0 then the run fails with loop_bound and the result says "bound reached after 5 rounds"', async () => {
    const sim = await simulate(playbook, {}, { fixtures: fixtures({ count: { sequence: [ok(3), ok(2)] } }) });

    expect(sim.status).toBe('failed');
    expect(sim.error).toMatchObject({ kind: 'loop_bound', stepId: 'repeat' });
    expect(sim.bounds).toEqual([
      {
        runId: sim.runId,
        stepId: 'repeat',
        stepKey: 'repeat',
        rounds: 5,
        message: '"repeat": bound reached after 5 rounds',
      },
    ]);
  });

  it('when the bound is reached then the CLI report lists the loop with "bound reached after N rounds"', async () => {
    const sim = await simulate(playbook, {}, { fixtures: fixtures({ count: { output: ok(1).output } }) });

    const lines = formatSimulation(sim, playbook, false);

    expect(lines).toContain('Loops that reached their maximum (1)');
    expect(lines).toContain('  "repeat": bound reached after 5 rounds');
  });

  it('when a test case fixes the count per round with a sequence then the case passes', async () => {
    const testCase = TestCase.parse({
      name: 'revokes until none remain',
      event: {},
      fixtures: { count: { sequence: [ok(2), ok(1), ok(0)] } },
      expect: {
        status: 'succeeded',
        reached: ['summary'],
        outputs: [{ step: 'repeat', matches: "rounds = 3 and reason = 'condition'" }],
      },
    });

    const { result } = await runCase(playbook, testCase);

    expect(result.firstFailure).toBeUndefined();
    expect(result.passed).toBe(true);
  });
});
