import { NODE_TYPES, STEP_DEFINITIONS } from '@autonomic/workflow';
import { describe, expect, it } from 'vitest';
import { DEFAULT_EXPRESSION_LIMITS, HANDLERS, Expressions, StepFailure } from '../../src/engine';
import { expressionPathsOf } from '../../src/engine/program';
import { harness, transform, workflow } from './harness';

const input = {
  event: { user: 'alice', ids: [1, 2], n: 3 },
  steps: { a: { output: { score: 7 } } },
  vars: { team: 'soc' },
};
const expressions = (limits = {}) =>
  new Expressions({ ...DEFAULT_EXPRESSION_LIMITS, ...limits }, () => Date.UTC(2025, 0, 2));

describe('expressions and templates', () => {
  it('when a template is exactly one placeholder then its raw value comes back', async () => {
    const x = expressions();
    expect(await x.render('{{ event.ids }}', input)).toEqual([1, 2]);
    expect(await x.render('{{ steps.a.output }}', input)).toEqual({ score: 7 });
    expect(await x.render('  {{ event.n }}', input)).toBe('  3');
  });

  it('when a template mixes text and placeholders then values are joined as text', async () => {
    const x = expressions();
    expect(await x.render('{{ event.user }} of {{ vars.team }}: {{ event.ids }}{{ event.missing }}', input)).toBe(
      'alice of soc: [1,2]',
    );
    expect(await x.render('no placeholders', input)).toBe('no placeholders');
  });

  it('when params are rendered then expression fields are left for the step handler and the rest are templates', async () => {
    const x = expressions();
    const skip = expressionPathsOf(STEP_DEFINITIONS.end);
    expect([...skip]).toEqual(['output']);
    expect(await x.renderParams({ message: 'hi {{ event.user }}', output: 'event.user' }, skip, input)).toEqual({
      message: 'hi alice',
      output: 'event.user',
    });
  });

  it('when an expression runs away then it fails with kind expression instead of hanging', async () => {
    const x = expressions({ timeoutMs: 50 });
    const forever = '($f := function($n) { $f($n + 1) }; $f(0))';
    await expect(x.evaluate(forever, input)).rejects.toBeInstanceOf(StepFailure);
    await expect(x.evaluate(forever, input)).rejects.toMatchObject({ error: { kind: 'expression', retryable: false } });
    await expect(x.evaluate('$count([1..5000000])', input)).resolves.toBe(5_000_000);
  });

  it('when an expression does not parse then the step fails with kind expression and the source', async () => {
    await expect(expressions().evaluate('event.(', input)).rejects.toMatchObject({
      error: { kind: 'expression', message: expect.stringContaining('event.(') },
    });
  });

  it('when an expression asks for the time then it reads the Clock port', async () => {
    const x = expressions();
    expect(await x.evaluate('$now()', input)).toBe('2025-01-02T00:00:00.000Z');
    expect(await x.evaluate('$millis()', input)).toBe(Date.UTC(2025, 0, 2));
    expect(await x.evaluate("$now('[Y0001]-[M01]')", input)).toBe('2025-01');
  });

  it('when a condition calls $inCidr then the address is matched against the network, a bad network failing the step', async () => {
    const x = expressions();
    const ip = { event: { ip: '10.20.30.40' } };
    expect(await x.evaluate('$inCidr(event.ip, "10.0.0.0/8")', ip)).toBe(true);
    expect(await x.evaluate('$inCidr(event.ip, ["192.168.0.0/16", "172.16.0.0/12"])', ip)).toBe(false);
    await expect(x.evaluate('$inCidr(event.ip, "10.0.0.0/40")', ip)).rejects.toMatchObject({
      error: { kind: 'expression', message: expect.stringContaining('"10.0.0.0/40" is not a network') },
    });
  });

  it('when a step expression fails in a run then the run fails with kind expression', async () => {
    const { engine } = harness({ expressionLimits: { timeoutMs: 50 } });
    const run = await engine.start(workflow('a', { a: transform('($f := function($n) { $f($n + 1) }; $f(0))') }), {});
    expect(run.error).toMatchObject({ kind: 'expression', stepId: 'a' });
  });
});

describe('step handler registry', () => {
  it('when the catalogue has a step type then the engine has a handler for it, and no other', () => {
    const stepTypes = NODE_TYPES.filter((d) => d.category !== 'trigger').map((d) => d.type);
    expect(Object.keys(HANDLERS).sort()).toEqual([...stepTypes].sort());
  });
});
