import { TestCase, type TestCaseInput } from '@autonomic/workflow';
import { describe, expect, it } from 'vitest';
import { createConnectorCatalog } from '../../src/connectors/catalog';
import { runCase, runCases, type CaseRunOptions } from '../../src/engine';
import { blockIp, get, step, transform, workflow } from './harness';

const IP = '203.0.113.7';
const catalog = createConnectorCatalog();
/** The installed connectors: gateway steps answer with their action's example, as on the server. */
const withConnectors: CaseRunOptions = { connectors: { definition: (id, version) => catalog.get(id, version) } };
const testCase = (input: Omit<TestCaseInput, 'name' | 'event'> & { name?: string; event?: unknown }) =>
  TestCase.parse({ name: 'case', event: { ip: IP }, ...input });

/**
 * start → lookup (GET) ─out→ score (score > 50) ─true→ block (gateway block_ip, destructive) → done (end)
 *                     │                         └false→ done
 *                     └error→ apology (end)
 */
const playbook = workflow('lookup', {
  lookup: get('https://intel.example/{{ event.ip }}', { out: 'score', error: 'apology' }),
  score: step('condition', { predicate: 'steps.lookup.output.body.score > 50' }, { true: 'block', false: 'done' }),
  block: blockIp('{{ event.ip }}', { out: 'done' }),
  apology: step('end', { status: 'succeeded', output: '"intel down"' }),
  done: step('end', { status: 'succeeded', output: '{ "verdict": "done" }' }),
});
const high = { lookup: { output: { status: 200, body: { score: 90 } } } };
const low = { lookup: { output: { status: 200, body: { score: 10 } } } };
const down = { lookup: { fail: { kind: 'http_5xx' as const, status: 503 } } };
const protectedIp = { protected: [{ kind: 'ip' as const, value: IP, reason: 'the CEO laptop' }] };

type Expectation = TestCaseInput['expect'];

/** Runs `playbook` on a high score with `expect`; the result's assertions and first failure. */
async function check(expect: Expectation, fixtures: TestCaseInput['fixtures'] = high) {
  const { result } = await runCase(playbook, testCase({ fixtures, expect }), withConnectors);
  return result;
}

describe('runCase', () => {
  it('when the status and reached steps hold then the case passes with one result per assertion', async () => {
    const { result, simulation } = await runCase(
      playbook,
      testCase({ fixtures: high, expect: { status: 'succeeded', reached: ['block', 'done'] } }),
      withConnectors,
    );

    expect(result).toMatchObject({ name: 'case', passed: true, status: 'succeeded', warnings: [] });
    expect(result.firstFailure).toBeUndefined();
    expect(result.assertions).toEqual([
      { assertion: 'status is succeeded', passed: true },
      { assertion: 'reaches block', passed: true },
      { assertion: 'reaches done', passed: true },
    ]);
    expect(result.path).toEqual(['lookup', 'score', 'block', 'done']);
    expect(result.effects.map((e) => [e.stepId, e.decision])).toEqual([['block', 'would-run']]);
    expect(simulation?.status).toBe('succeeded');
  });

  it('when assertions fail then each says what happened and the first failure is the first in order', async () => {
    const result = await check({ status: 'failed', reached: ['apology'], maxSteps: 1 }, low);

    expect(result.passed).toBe(false);
    expect(result.assertions).toEqual([
      { assertion: 'status is failed', passed: false, detail: 'got succeeded' },
      { assertion: 'reaches apology', passed: false, detail: 'never reached; the path was lookup → score → done' },
      { assertion: 'at most 1 step', passed: false, detail: 'took 3' },
    ]);
    expect(result.firstFailure).toBe('status is failed: got succeeded');
  });

  describe('each assertion kind holds and fails', () => {
    const kinds: [string, Expectation, Expectation, string][] = [
      ['status', { status: 'succeeded' }, { status: 'cancelled' }, 'status is cancelled: got succeeded'],
      [
        'path',
        { path: ['lookup', 'score', 'block', 'done'] },
        { path: ['lookup', 'done'] },
        'path is lookup → done: got lookup → score → block → done',
      ],
      [
        'reached',
        { reached: ['block'] },
        { reached: ['apology'] },
        'reaches apology: never reached; the path was lookup → score → block → done',
      ],
      ['not reached', { notReached: ['apology'] }, { notReached: ['block'] }, 'does not reach block: reached once'],
      [
        'effect',
        { effects: [{ step: 'block', action: 'block ip', target: IP, decision: 'would-run' }] },
        { effects: [{ step: 'block', decision: 'refused' }] },
        'effect by block is refused: no such effect: the effects were block: Action gateway (JSON webhook): Block IP 203.0.113.7 (would-run)',
      ],
      [
        'absent effect',
        { effects: [{ action: 'isolate', absent: true }] },
        { effects: [{ target: IP, absent: true }] },
        `no effect on ${IP}: found block: Action gateway (JSON webhook): Block IP 203.0.113.7 (would-run)`,
      ],
      [
        'step output',
        { outputs: [{ step: 'lookup', matches: 'body.score > 50' }] },
        { outputs: [{ step: 'lookup', matches: 'body.score > 95' }] },
        'lookup output matches body.score > 95: it gave false, not true',
      ],
      [
        'run output',
        { outputs: [{ matches: 'verdict = "done"' }] },
        { outputs: [{ matches: 'verdict' }] },
        'the run output matches verdict: it gave "done", not true',
      ],
      ['step bound', { maxSteps: 4 }, { maxSteps: 3 }, 'at most 3 steps: took 4'],
    ];

    it.each(kinds)(
      'when a %s assertion holds then it passes, else the first failure says why',
      async (_, good, bad, why) => {
        const holds = await check(good);
        const fails = await check(bad);

        expect(holds.assertions.map((a) => a.passed)).toEqual([true]);
        expect(holds.passed).toBe(true);
        expect(fails.passed).toBe(false);
        expect(fails.firstFailure).toBe(why);
      },
    );

    it('when a predicate throws or names a step that never ran then it fails with the message', async () => {
      const result = await check({
        outputs: [
          { step: 'lookup', matches: '$undefinedFunction(body)' },
          { step: 'apology', matches: 'true' },
          { step: 'lookup', matches: '(' },
        ],
      });

      expect(result.assertions.map((a) => a.passed)).toEqual([false, false, false]);
      expect(result.assertions[0]?.detail).toMatch(/undefinedFunction/);
      expect(result.assertions[1]?.detail).toBe('apology has no output: it never succeeded');
      expect(result.assertions[2]?.detail).toMatch(/in "\("$/);
    });

    it('when the run has no output then a run output predicate fails saying so', async () => {
      const doc = workflow('t', { t: transform('1') });
      const { result } = await runCase(doc, testCase({ expect: { outputs: [{ matches: '$ = 1' }] } }));

      expect(result.firstFailure).toBe('the run output matches $ = 1: the run has no output (it succeeded)');
    });
  });

  it('when the case protects the target then the destructive step is refused and a refused effect assertion passes', async () => {
    const { result } = await runCase(
      playbook,
      testCase({
        fixtures: high,
        safety: protectedIp,
        expect: { effects: [{ step: 'block', decision: 'refused' }], notReached: ['done'] },
      }),
      withConnectors,
    );

    expect(result.passed).toBe(true);
    expect(result.status).toBe('failed');
    expect(result.effects).toMatchObject([
      { stepId: 'block', decision: 'refused', reason: `${IP} is protected: the CEO laptop` },
    ]);
  });

  it("when the organisation's list auto-OKs the target then the case sees that decision too", async () => {
    const org = {
      protected: [],
      autoOk: [{ kind: 'cidr' as const, value: '203.0.113.0/24', criticality: 'low' as const, reason: 'lab' }],
    };
    const { result } = await runCase(
      playbook,
      testCase({ fixtures: high, expect: { effects: [{ target: IP, decision: 'auto-ok' }] } }),
      { safety: org },
    );

    expect(result.passed).toBe(true);
  });

  it('when a case safety entry is not valid then the case fails unrun saying which', async () => {
    const outcome = await runCase(
      playbook,
      testCase({
        fixtures: high,
        safety: { protected: [{ kind: 'ip', value: '999.1.1.1' }] },
        expect: { status: 'succeeded' },
      }),
    );

    expect(outcome.simulation).toBeUndefined();
    expect(outcome.result).toMatchObject({
      passed: false,
      firstFailure: 'safety.protected[0] (ip 999.1.1.1) is not a valid entry: not an IP address',
      assertions: [],
    });
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
      effects: [],
    });
  });

  it('when the event fits then the check sees the event and the case runs', async () => {
    const seen: unknown[] = [];
    const { result } = await runCase(playbook, testCase({ fixtures: high, expect: { status: 'succeeded' } }), {
      eventProblems: (event) => (seen.push(event), []),
    });

    expect(seen).toEqual([{ ip: IP }]);
    expect(result.passed).toBe(true);
  });

  it('when a case asserts nothing then it still runs (the validator, not the runner, reports it)', async () => {
    const { result, simulation } = await runCase(playbook, testCase({ fixtures: low }));

    expect(simulation?.status).toBe('succeeded');
    expect(result).toMatchObject({ passed: true, assertions: [], path: ['lookup', 'score', 'done'] });
  });

  it('when a step answers with a made-up value then the case warns, naming the step', async () => {
    const { result } = await runCase(playbook, testCase({ expect: { reached: ['score'] } }), withConnectors);

    expect(result.passed).toBe(true);
    expect(result.warnings).toEqual(['lookup: no fixture and no example: answered with an empty 200']);
  });
});

describe('runCases', () => {
  const doc = {
    ...playbook,
    tests: [
      testCase({ name: 'abusive', fixtures: high, expect: { status: 'succeeded', reached: ['block'] } }),
      testCase({ name: 'intel down', fixtures: down, expect: { path: ['lookup', 'apology'] } }),
      testCase({ name: 'ceo laptop', fixtures: high, safety: protectedIp, expect: { status: 'succeeded' } }),
    ],
  };

  it('when the document has cases then each runs in order and the coverage lists the error port and the destructive step', async () => {
    const { outcomes, coverage } = await runCases(doc, withConnectors);

    expect(outcomes.map((o) => [o.result.name, o.result.passed, o.result.firstFailure])).toEqual([
      ['abusive', true, undefined],
      ['intel down', true, undefined],
      ['ceo laptop', false, 'status is succeeded: got failed'],
    ]);
    expect(coverage.errorPorts).toEqual([{ stepId: 'lookup', label: expect.any(String), cases: ['intel down'] }]);
    expect(coverage.destructive).toEqual([
      {
        stepId: 'block',
        label: expect.any(String),
        reachedBy: ['abusive', 'ceo laptop'],
        refusedBy: ['ceo laptop'],
        heldBackBy: [],
      },
    ]);
    expect(coverage.edges.find((e) => e.from === 'score' && e.port === 'false')?.cases).toEqual([]);
    expect(coverage.covered).toBeLessThan(coverage.total);
  });

  it('when an auto-OK check holds the step back from a protected target then the coverage says so, and not for a target that is only not auto-OK', async () => {
    // start → lookup (safety lookup) → ok (autoOk?) ─true→ block → done; ─false→ done
    const guarded = {
      ...workflow('check', {
        check: step('safety-lookup', { target: '{{ event.ip }}', kind: 'ip' }, { out: 'ok' }),
        ok: step('condition', { predicate: 'steps.check.output.autoOk = true' }, { true: 'block', false: 'done' }),
        block: blockIp('{{ event.ip }}', { out: 'done' }),
        done: step('end', { status: 'succeeded' }),
      }),
      tests: [
        testCase({ name: 'auto-ok', safety: { autoOk: [{ kind: 'ip', value: IP }] }, expect: { reached: ['block'] } }),
        testCase({
          name: 'protected',
          safety: { ...protectedIp, autoOk: [{ kind: 'cidr', value: '203.0.113.0/24' }] },
          expect: { notReached: ['block'] },
        }),
        testCase({ name: 'unknown', event: { ip: '198.51.100.1' }, expect: { notReached: ['block'] } }),
      ],
    };

    const { outcomes, coverage } = await runCases(guarded, withConnectors);

    expect(outcomes.map((o) => [o.result.name, o.result.passed])).toEqual([
      ['auto-ok', true],
      ['protected', true],
      ['unknown', true],
    ]);
    expect(coverage.destructive).toEqual([
      { stepId: 'block', label: expect.any(String), reachedBy: ['auto-ok'], refusedBy: [], heldBackBy: ['protected'] },
    ]);
  });

  it('when a case cannot run then it counts for no coverage and the others still run', async () => {
    const { outcomes, coverage } = await runCases(doc, {
      eventProblems: () => ['event.ip is required'],
    });

    expect(outcomes.every((o) => !o.result.passed && o.simulation === undefined)).toBe(true);
    expect(coverage.covered).toBe(0);
  });
});
