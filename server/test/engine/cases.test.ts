import { TestCase, type TestCaseInput } from '@autonomic/workflow';
import { describe, expect, it } from 'vitest';
import { runCase, runCases } from '../../src/engine';
import { blockIp, get, step, transform, workflow } from './harness';

const testCase = (input: Omit<TestCaseInput, 'name' | 'event'> & { name?: string; event?: unknown }) =>
  TestCase.parse({ name: 'case', event: { ip: '203.0.113.7' }, ...input });

/**
 * start → lookup (GET) ─out→ score (condition score > 50) ─true→ block (block_ip) ─out→ done
 *                      └error→ apology                   └false→ done
 */
const playbook = workflow('lookup', {
  lookup: get('https://intel.example/{{ event.ip }}', { out: 'score', error: 'apology' }),
  score: step('condition', { predicate: 'steps.lookup.output.body.score > 50' }, { true: 'block', false: 'done' }),
  block: blockIp('{{ event.ip }}', { out: 'done' }),
  apology: transform('"intel down"'),
  done: transform('"done"'),
});
const high = { lookup: { output: { status: 200, body: { score: 90 } } } };

describe('runCase', () => {
  it('when the status and reached steps hold then the case passes with one result per assertion', async () => {
    const { result, simulation } = await runCase(
      playbook,
      testCase({ fixtures: high, expect: { status: 'succeeded', reached: ['block', 'done'] } }),
    );

    expect(result).toMatchObject({ name: 'case', passed: true, status: 'succeeded' });
    expect(result.firstFailure).toBeUndefined();
    expect(result.assertions).toEqual([
      { assertion: 'status is succeeded', passed: true },
      { assertion: 'reaches block', passed: true },
      { assertion: 'reaches done', passed: true },
    ]);
    expect(result.path).toEqual(['lookup', 'score', 'block', 'done']);
    expect(simulation?.status).toBe('succeeded');
  });

  it('when a step is not reached then the first failure names it and the path taken', async () => {
    const low = { lookup: { output: { status: 200, body: { score: 10 } } } };
    const { result } = await runCase(
      playbook,
      testCase({ fixtures: low, expect: { status: 'succeeded', reached: ['block'] } }),
    );

    expect(result.passed).toBe(false);
    expect(result.firstFailure).toBe('reaches block: never reached; the path was lookup → score → done');
  });

  it('when the event does not fit the trigger then the case fails unrun with the problems', async () => {
    const outcome = await runCase(playbook, testCase({ expect: { status: 'succeeded' } }), {
      eventProblems: () => ['event.src_ip is required'],
    });

    expect(outcome.simulation).toBeUndefined();
    expect(outcome.result).toMatchObject({
      passed: false,
      firstFailure: "the event does not fit the trigger's input schema: event.src_ip is required",
      assertions: [],
      path: [],
    });
  });

  it('when the document has cases then runCases runs each in order', async () => {
    const doc = {
      ...playbook,
      tests: [
        testCase({ name: 'high', fixtures: high, expect: { status: 'succeeded' } }),
        testCase({ name: 'fails', fixtures: high, expect: { status: 'failed' } }),
      ],
    };

    const { outcomes } = await runCases(doc);

    expect(outcomes.map((o) => [o.result.name, o.result.passed, o.result.firstFailure])).toEqual([
      ['high', true, undefined],
      ['fails', false, 'status is failed: got succeeded'],
    ]);
  });
});
