import { describe, expect, it } from 'vitest';
import { contentHash } from '../src/canonical';
import { compileGraph } from '../src/compile/compile';
import { documentToGraph } from '../src/compile/to-graph';
import { diffWorkflows } from '../src/diff';
import { WorkflowDocument } from '../src/document';
import { validateDocument } from '../src/load';
import { evaluatePolicies, DEFAULT_POLICIES } from '../src/policies';
import { baseDocument, expectProblem, step, withChange, type DocJson } from './support/documents';

/**
 * The base document with a repeat-until loop between check and block:
 *
 *   alert → enrich → check ─true→ revoke_all (loop) ─body→ revoke (block_ip) → recount (http) → back to revoke_all
 *                         │                       └done→ done
 *                         └false→ done
 */
function withLoop(): DocJson {
  return withChange((d) => {
    step(d, 'check').transitions = { true: ['revoke_all'], false: ['done'] };
    d.steps['revoke_all'] = {
      type: 'loop',
      params: { until: 'steps.recount.output.body.count = 0', maxRounds: 20 },
      transitions: { body: ['block'], done: ['done'] },
    };
    step(d, 'block').transitions = { out: ['recount'] };
    d.steps['recount'] = {
      type: 'http',
      params: { url: 'https://idp.example/count?round={{ loop.round }}' },
      transitions: { out: ['revoke_all'] },
    };
  });
}

const parsed = (d: DocJson) => WorkflowDocument.parse(d);

describe('repeat-until loop: validation', () => {
  it('when the body returns to the loop then the document is valid, and the unconnected "Maximum reached" is a warning only', () => {
    const v = validateDocument(withLoop());
    expect(v.problems).toEqual([]);
    expect(v.ok).toBe(true);
    expect(v.warnings).toContainEqual({
      nodeId: 'revoke_all',
      path: 'transitions.max_reached',
      message: expect.stringContaining('after 20 rounds, the run fails'),
    });
  });

  it('when "Maximum reached" is connected then there is no warning about it', () => {
    const v = validateDocument(
      withChange(
        (d) => (step(d, 'revoke_all').transitions = { body: ['block'], done: ['done'], max_reached: ['done'] }),
        withLoop(),
      ),
    );
    expect(v.warnings ?? []).not.toContainEqual(expect.objectContaining({ path: 'transitions.max_reached' }));
  });

  const invalid: Array<{ when: string; change: (d: DocJson) => void; nodeId: string; path: string; fragment: string }> =
    [
      {
        when: 'maxRounds is missing',
        change: (d) => (step(d, 'revoke_all').params = { until: 'true' }),
        nodeId: 'revoke_all',
        path: 'params.maxRounds',
        fragment: '',
      },
      {
        when: 'maxRounds is over 10,000',
        change: (d) => (step(d, 'revoke_all').params = { until: 'true', maxRounds: 10_001 }),
        nodeId: 'revoke_all',
        path: 'params.maxRounds',
        fragment: '',
      },
      {
        when: 'the body is not connected',
        change: (d) => (step(d, 'revoke_all').transitions = { done: ['done'] }),
        nodeId: 'revoke_all',
        path: 'transitions.body',
        fragment: 'required port "body"',
      },
      {
        when: 'the body leaks into the main line instead of returning',
        change: (d) => (step(d, 'recount').transitions = { out: ['done'] }),
        nodeId: 'revoke_all',
        path: 'transitions.body',
        fragment: 'the loop body reaches "done"',
      },
      {
        when: 'a step cycles back outside any loop body',
        change: (d) => {
          d.steps['done'] = { type: 'transform', params: { expression: '1' }, transitions: { out: ['check'] } };
        },
        nodeId: 'check',
        path: '',
        fragment: 'only the body of a for-each or a repeat-until loop may loop',
      },
    ];
  for (const c of invalid) {
    it(`when ${c.when} then ${c.nodeId} ${c.path || '(node)'} has a problem`, () => {
      const v = validateDocument(withChange(c.change, withLoop()));
      expect(v.ok).toBe(false);
      expectProblem(v.problems, c.nodeId, c.path, c.fragment);
    });
  }

  it("when the loop's condition reads a body step then that step counts as upstream of the loop", () => {
    const v = validateDocument(withLoop());
    expect(v.problems.filter((p) => p.message.includes('not upstream'))).toEqual([]);
  });
});

describe('for-each breakWhen', () => {
  it('when a for-each has breakWhen reading its body step then the document is valid and the param is kept', () => {
    const doc = withChange((d) => {
      step(d, 'check').transitions = { true: ['each'], false: ['done'] };
      d.steps['each'] = {
        type: 'foreach',
        params: { items: 'event.ips', breakWhen: 'steps.block.output.blocked' },
        transitions: { item: ['block'], done: ['done'] },
      };
      step(d, 'block').transitions = { out: ['each'] };
    });
    const v = validateDocument(doc);
    expect(v.problems).toEqual([]);
    expect(v.document?.steps['each']?.params).toMatchObject({ breakWhen: 'steps.block.output.blocked' });
  });
});

describe('onFailure: the workflow exception handler', () => {
  const withHandler = (continueAt: string) =>
    withChange((d) => {
      d.steps['report'] = { type: 'end', params: { status: 'failed', message: 'failed at {{ failure.step }}' } };
      d['onFailure'] = { continueAt };
    });

  it('when continueAt names a step then the document is valid and the handler step is not "unreachable"', () => {
    const v = validateDocument(withHandler('report'));
    expect(v.problems).toEqual([]);
    expect(v.document?.onFailure).toEqual({ continueAt: 'report' });
  });

  it('when continueAt names no step then the problem is at onFailure.continueAt, in words', () => {
    const v = validateDocument(withHandler('ghost'));
    expect(v.ok).toBe(false);
    expectProblem(
      v.problems,
      'workflow',
      'onFailure.continueAt',
      'must continue at one of the workflow\'s steps; it names "ghost"',
    );
  });

  it('when onFailure has an unknown key then the document is refused', () => {
    const v = validateDocument(withChange((d) => (d['onFailure'] = { continueAt: 'done', also: 1 })));
    expect(v.ok).toBe(false);
  });

  it('when a document has no onFailure then its hash is what it was (old documents unchanged)', () => {
    const base = parsed(baseDocument());
    expect(base.onFailure).toBeUndefined();
    expect(contentHash(base)).not.toBe(contentHash(parsed(withHandler('done'))));
  });
});

describe('compile round trip', () => {
  it('when a document with a loop and onFailure goes to the editor graph and back then the document and hash are the same', () => {
    const doc = parsed(
      withChange((d) => {
        d['onFailure'] = { continueAt: 'done' };
      }, withLoop()),
    );
    const graph = documentToGraph(doc);
    expect(graph.onFailure).toEqual({ continueAt: 'done' });
    const back = compileGraph(graph);
    expect(back.problems).toEqual([]);
    expect(back.document?.onFailure).toEqual({ continueAt: 'done' });
    expect(back.document?.steps['revoke_all']).toEqual(doc.steps['revoke_all']);
    expect(back.hash).toBe(contentHash(doc));
  });
});

describe('semantic diff', () => {
  it('when onFailure is added, changed or removed then the diff reports it and is not empty', () => {
    const none = parsed(baseDocument());
    const a = parsed(withChange((d) => (d['onFailure'] = { continueAt: 'done' })));
    const b = parsed(withChange((d) => (d['onFailure'] = { continueAt: 'enrich' })));
    expect(diffWorkflows(none, a)).toMatchObject({ isEmpty: false, onFailure: { before: null, after: 'done' } });
    expect(diffWorkflows(a, b)).toMatchObject({ isEmpty: false, onFailure: { before: 'done', after: 'enrich' } });
    expect(diffWorkflows(b, none)).toMatchObject({ isEmpty: false, onFailure: { before: 'enrich', after: null } });
    expect(diffWorkflows(a, a)).toMatchObject({ isEmpty: true });
    expect(diffWorkflows(a, a).onFailure).toBeUndefined();
  });

  it("when a loop's params change then it is a changed step of normal risk, like a for-each's", () => {
    const a = parsed(withLoop());
    const b = parsed(
      withChange((d) => (step(d, 'revoke_all').params = { until: 'true', check: 'after', maxRounds: 5 }), withLoop()),
    );
    const d = diffWorkflows(a, b);
    expect(d.steps.changed.map((c) => c.id)).toEqual(['revoke_all']);
    expect(d.steps.changed[0]?.params.map((p) => p.path).sort()).toEqual(['check', 'maxRounds', 'until']);
    expect(d.risk).toBe('normal');
  });
});

describe('policies', () => {
  const policy = (id: string) => DEFAULT_POLICIES.filter((p) => p.id === id);

  it('when a destructive step is in a loop body and the workflow has no limit then loop-limited reports it per round', () => {
    const found = evaluatePolicies(parsed(withLoop()), policy('destructive-loop-limited'), {
      maxDestructivePerRun: null,
    });
    expect(found).toMatchObject([{ nodeId: 'block', path: ['revoke_all', 'block'], ports: ['body'] }]);
    expect(found[0]?.message).toContain('runs once per round of');
  });

  it('when the document has onFailure then error-handled counts every step as handled', () => {
    const without = evaluatePolicies(parsed(withLoop()), policy('destructive-error-handled'), {
      maxDestructivePerRun: null,
    });
    expect(without.map((v) => v.nodeId)).toEqual(['block']);
    const handled = parsed(withChange((d) => (d['onFailure'] = { continueAt: 'done' }), withLoop()));
    expect(evaluatePolicies(handled, policy('destructive-error-handled'), { maxDestructivePerRun: null })).toEqual([]);
  });
});
