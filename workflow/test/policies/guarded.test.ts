import { describe, expect, it } from 'vitest';
import { evaluatePolicies } from '../../src/policies';
import { defaultPolicy, graph, s } from './support';

const GUARDED = defaultPolicy('destructive-guarded');
const check = (doc: ReturnType<typeof graph>) =>
  evaluatePolicies(doc, [GUARDED], { maxDestructivePerRun: 10 }).map(({ nodeId, path, ports }) => ({
    nodeId,
    path,
    ports,
  }));

const AUTO_OK = 'steps.look.output.autoOk = true';

describe('guarded rule (destructive-guarded default)', () => {
  it.each([
    {
      name: 'an approval dominates the block',
      // alert → enrich → ask ─approved→ block
      doc: graph(
        { out: ['enrich'] },
        { enrich: s.read({ out: ['ask'] }), ask: s.approval({ approved: ['block'] }), block: s.block() },
      ),
      violations: [],
    },
    {
      name: 'a condition on a safety lookup’s autoOk guards the block',
      // alert → look → ok? ─true→ block
      doc: graph(
        { out: ['look'] },
        { look: s.lookup({ out: ['ok'] }), ok: s.condition(AUTO_OK, { true: ['block'] }), block: s.block() },
      ),
      violations: [],
    },
    {
      name: 'an auto-OK check written from $ guards the block',
      doc: graph(
        { out: ['look'] },
        {
          look: s.lookup({ out: ['ok'] }),
          ok: s.condition('$.steps.look.output.autoOk', { true: ['block'] }),
          block: s.block(),
        },
      ),
      violations: [],
    },
    {
      name: 'a destructive step no path reaches is not checked',
      doc: graph({ out: ['done'] }, { done: s.end(), block: s.block() }),
      violations: [],
    },
    {
      name: 'the trigger reaches the block directly',
      doc: graph({ out: ['block'] }, { block: s.block() }),
      violations: [{ nodeId: 'block', path: ['alert', 'block'], ports: ['out'] }],
    },
    {
      name: 'an approval on only one of two branches: the path goes by the other',
      // alert → split? ─true→ ask ─approved→ block ;  split? ─false→ enrich → block
      doc: graph(
        { out: ['split'] },
        {
          split: s.condition('event.severity = "high"', { true: ['ask'], false: ['enrich'] }),
          ask: s.approval({ approved: ['block'] }),
          enrich: s.read({ out: ['block'] }),
          block: s.block(),
        },
      ),
      violations: [{ nodeId: 'block', path: ['alert', 'split', 'enrich', 'block'], ports: ['out', 'false', 'out'] }],
    },
    {
      name: 'the block hangs on the approval’s rejected port only',
      doc: graph({ out: ['ask'] }, { ask: s.approval({ rejected: ['block'] }), block: s.block() }),
      violations: [{ nodeId: 'block', path: ['alert', 'ask', 'block'], ports: ['out', 'rejected'] }],
    },
    {
      name: 'a condition on a score is not a guard',
      doc: graph(
        { out: ['enrich'] },
        {
          enrich: s.read({ out: ['score'] }),
          score: s.condition('steps.enrich.output.body.score >= 70', { true: ['block'] }),
          block: s.block(),
        },
      ),
      violations: [{ nodeId: 'block', path: ['alert', 'enrich', 'score', 'block'], ports: ['out', 'out', 'true'] }],
    },
    {
      name: 'a condition on the auto-OK answer guards by its true port, not its false port',
      doc: graph(
        { out: ['look'] },
        { look: s.lookup({ out: ['ok'] }), ok: s.condition(AUTO_OK, { false: ['block'] }), block: s.block() },
      ),
      violations: [{ nodeId: 'block', path: ['alert', 'look', 'ok', 'block'], ports: ['out', 'out', 'false'] }],
    },
    {
      name: 'a condition reading autoOk of a step that is no safety lookup is not a guard',
      doc: graph(
        { out: ['enrich'] },
        {
          enrich: s.read({ out: ['ok'] }),
          ok: s.condition('steps.enrich.output.autoOk', { true: ['block'] }),
          block: s.block(),
        },
      ),
      violations: [{ nodeId: 'block', path: ['alert', 'enrich', 'ok', 'block'], ports: ['out', 'out', 'true'] }],
    },
    {
      name: 'a destructive step reached through an earlier step’s error port',
      // alert → ask ─approved→ block ;  alert → enrich ─error→ isolate
      doc: graph(
        { out: ['enrich'] },
        {
          enrich: s.read({ out: ['ask'], error: ['isolate'] }),
          ask: s.approval({ approved: ['block'] }),
          block: s.block(),
          isolate: s.block(),
        },
      ),
      violations: [{ nodeId: 'isolate', path: ['alert', 'enrich', 'isolate'], ports: ['out', 'error'] }],
    },
    {
      name: 'a block in a for-each body after the approval is guarded; one after done is not',
      // alert → each ─item→ ask ─approved→ block → each ;  each ─done→ cleanup (destructive)
      doc: graph(
        { out: ['each'] },
        {
          each: s.foreach({ item: ['ask'], done: ['cleanup'] }),
          ask: s.approval({ approved: ['block'] }),
          block: s.block({ out: ['each'] }),
          cleanup: s.block(),
        },
      ),
      violations: [{ nodeId: 'cleanup', path: ['alert', 'each', 'cleanup'], ports: ['out', 'done'] }],
    },
  ])('when $name then the violations are as listed', ({ doc, violations }) => {
    expect(check(doc)).toEqual(violations.map((v) => ({ ...v })));
  });

  it('when two blocks break the rule then the shortest path to each is given, ordered by node id', () => {
    const doc = graph(
      { out: ['b_block', 'enrich'] },
      { enrich: s.read({ out: ['a_block'] }), a_block: s.block(), b_block: s.block() },
    );
    expect(check(doc).map((v) => [v.nodeId, v.path])).toEqual([
      ['a_block', ['alert', 'enrich', 'a_block']],
      ['b_block', ['alert', 'b_block']],
    ]);
  });

  it('when the rule is broken then the message names the step by its label and gives the path', () => {
    const doc = graph(
      { out: ['enrich'] },
      {
        enrich: s.read({ out: ['check_score'] }),
        check_score: s.condition('steps.enrich.output.body.score > 70', { true: ['block_ip'] }),
        block_ip: s.block({}, 'Block IP'),
      },
    );
    const [v] = evaluatePolicies(doc, [GUARDED], { maxDestructivePerRun: null });
    expect(v).toMatchObject({ policyId: 'destructive-guarded', policyName: GUARDED.name, nodeId: 'block_ip' });
    expect(v?.message).toBe(
      'Block IP (block_ip) is destructive, and a path from the trigger reaches it without an approval or an auto-OK check: alert → enrich → check_score → block_ip',
    );
  });
});
