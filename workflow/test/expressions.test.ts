import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseExpression, stepErrorReferences, stepReferences } from '../src/expression';
import { Expression, Template } from '../src/expression-fields';
import { gatewayParams } from '../src/testing/gateway';
import { validateDocument } from '../src/load';
import { defineNode } from '../src/nodes';
import { expressionProblems, parseSimplePath } from '../src/validate/expressions';
import { viewOfRaw } from '../src/validate/view';
import { expectProblem, step, withChange, type DocJson } from './support/documents';

interface Case {
  when: string;
  change: (d: DocJson) => void;
  nodeId: string;
  path: string;
  message: string;
}

/** Adds `side` next to `block`, on the other side of the condition: neither is upstream of the other. */
function sideBranch(d: DocJson, readsBlock: string): void {
  step(d, 'check').transitions = { true: ['block'], false: ['side'] };
  d.steps['side'] = { type: 'transform', params: { expression: readsBlock }, transitions: { out: ['done'] } };
}

const title = (c: Case) => `when ${c.when} then ${c.nodeId} ${c.path || '(node)'} says "${c.message}"`;

const CASES: Case[] = [
  {
    when: 'an expression does not parse',
    change: (d) => (step(d, 'check').params['predicate'] = 'event.score >'),
    nodeId: 'check',
    path: 'params.predicate',
    message: 'invalid expression:',
  },
  {
    when: 'a placeholder of a template does not parse',
    change: (d) => (step(d, 'enrich').params['url'] = 'https://x/{{ event.ip + }}'),
    nodeId: 'enrich',
    path: 'params.url',
    message: 'invalid expression in {{ }}',
  },
  {
    when: 'a template nested in a record of headers does not parse',
    change: (d) => (step(d, 'enrich').params['headers'] = { 'X-Case': '{{ ) }}' }),
    nodeId: 'enrich',
    path: 'params.headers.X-Case',
    message: 'invalid expression in {{ }}',
  },
  {
    when: 'a template nested in an object of the params does not parse',
    change: (d) => (step(d, 'block').params['input'] = { ip: '{{ event.ip }}', reason: 'x', path: '/b/{{ ] }}' }),
    nodeId: 'block',
    path: 'params.input.path',
    message: 'invalid expression in {{ }}',
  },
  {
    when: 'a template opens a placeholder it never closes',
    change: (d) => (step(d, 'done').params['message'] = 'done {{ event.ip'),
    nodeId: 'done',
    path: 'params.message',
    message: 'without its closing "}}"',
  },
  {
    when: 'a template has an empty placeholder',
    change: (d) => (step(d, 'done').params['message'] = 'done {{  }}'),
    nodeId: 'done',
    path: 'params.message',
    message: 'an empty {{ }} placeholder (at position 7)',
  },
  {
    when: 'a step reads a step that runs after it',
    change: (d) => (step(d, 'enrich').params['url'] = 'https://x/{{ steps.block.output.id }}'),
    nodeId: 'enrich',
    path: 'params.url',
    message: 'references step block which is not upstream',
  },
  {
    when: 'a step reads itself',
    change: (d) => (step(d, 'check').params['predicate'] = 'steps.check.output'),
    nodeId: 'check',
    path: 'params.predicate',
    message: 'references step check which is not upstream',
  },
  {
    when: 'a step reads a step on the other branch of a condition',
    change: (d) => sideBranch(d, 'steps.block.output'),
    nodeId: 'side',
    path: 'params.expression',
    message: 'references step block which is not upstream',
  },
  {
    when: 'a step reads a step that does not exist',
    change: (d) => (step(d, 'done').params['output'] = '$$.steps.nope.output'),
    nodeId: 'done',
    path: 'params.output',
    message: 'references step nope which does not exist',
  },
  {
    when: "the trigger's dedupe key reads a step (nothing is upstream of the trigger)",
    change: (d) => (d.trigger.params['dedupeKey'] = '{{ steps.enrich.output.id }}'),
    nodeId: 'alert',
    path: 'params.dedupeKey',
    message: 'references step enrich which is not upstream',
  },
  {
    when: "a step reads another's error but that step's error port is not connected",
    change: (d) => (step(d, 'done').params['message'] = 'failed: {{ steps.enrich.error.message }}'),
    nodeId: 'done',
    path: 'params.message',
    message: "reads steps.enrich.error, but enrich's error port is not connected",
  },
  {
    when: "a step reads another's error off that step's error path (after its out port only)",
    change: (d) => {
      onEnrichError(d);
      step(d, 'check').params['predicate'] = 'steps.enrich.error.status = 404';
    },
    nodeId: 'check',
    path: 'params.predicate',
    message: "reads steps.enrich.error outside enrich's error path",
  },
];

/** enrich ─error→ alarm (gateway notify) → done: alarm is on enrich's error path, done on both paths. */
function onEnrichError(d: DocJson, message = 'intel down') {
  step(d, 'enrich').transitions = { out: ['check'], error: ['alarm'] };
  d.steps['alarm'] = {
    type: 'connector',
    params: gatewayParams('notify', { text: message, to: '#soc', message }, 'notify-slack'),
    transitions: { out: ['done'] },
  };
}

describe('validateDocument: expressions and references', () => {
  it.each(CASES.map((c) => [title(c), c] as const))('%s', (_, { change, nodeId, path, message }) => {
    const { problems } = validateDocument(withChange(change));
    expectProblem(problems, nodeId, path, message);
  });

  it('when a parse error has a position then it counts from the start of the template', () => {
    const { problems } = validateDocument(withChange((d) => (step(d, 'done').params['message'] = 'ab {{  1 + }}')));
    const inner = parseExpression('1 +');
    expect(inner.ok).toBe(false);
    const position = inner.ok ? -1 : (inner.position ?? -1);
    expectProblem(problems, 'done', 'params.message', `(at position ${position + 7})`);
  });

  it('when a step reads a step upstream on every path, or the string "steps.x", then nothing is reported', () => {
    const doc = withChange((d) => {
      step(d, 'done').params['message'] = '{{ steps.enrich.output.body.score }} "steps.ghost" {{ "steps.ghost" }}';
      step(d, 'done').params['output'] = '$$.steps.check.output';
    });
    expect(validateDocument(doc).problems).toEqual([]);
  });

  it("when steps after a step's error port (or after a merge of both ports) read its error then nothing is reported", () => {
    const doc = withChange((d) => {
      onEnrichError(
        d,
        '{{ steps.enrich.error.kind }}: {{ steps.enrich.error.message }} ({{ steps.enrich.error.status }})',
      );
      step(d, 'done').params['message'] = '{{ $exists(steps.enrich.error) ? "degraded" : "ok" }}';
    });
    expect(validateDocument(doc).problems).toEqual([]);
  });

  it('when a for-each body reads its own earlier step then that is upstream, loop-back excluded', () => {
    // each ─item→ pick ─out→ look ─out→ each; look reads pick (upstream), pick reads look (not)
    const doc = withChange((d) => {
      step(d, 'check').transitions = { true: ['each'], false: ['done'] };
      d.steps['each'] = {
        type: 'foreach',
        params: { items: 'event.ips' },
        transitions: { item: ['pick'], done: ['block'] },
      };
      d.steps['pick'] = {
        type: 'transform',
        params: { expression: 'steps.look.output' },
        transitions: { out: ['look'] },
      };
      d.steps['look'] = { type: 'http', params: { url: '{{ steps.pick.output }}' }, transitions: { out: ['each'] } };
    });
    const { problems } = validateDocument(doc);
    expect(problems).toEqual([
      { nodeId: 'pick', path: 'params.expression', message: 'references step look which is not upstream' },
    ]);
  });
});

describe('expression fields are found from the JSON Schema, whatever the node type', () => {
  // A node type the validator has never heard of: expressions in an array of objects,
  // in a record, in a union and behind a default.
  const probe = defineNode({
    type: 'probe',
    category: 'action',
    label: 'Probe',
    description: 'test only',
    icon: [],
    params: z
      .object({
        rules: z.array(z.object({ when: Expression, say: Template.optional() }).strict()),
        byName: z.record(z.string(), Expression).default({}),
        either: z.union([z.number(), Expression]).optional(),
        plain: z.string().optional(),
      })
      .strict(),
    defaults: {},
    ports: () => [],
    effect: () => 'none',
    summary: () => [],
  });

  it('when a new node type nests expressions then each bad one is reported at its own path', () => {
    const view = viewOfRaw({ steps: {} });
    view.steps.set('p', {
      id: 'p',
      type: 'probe',
      def: probe,
      valid: true,
      transitions: {},
      params: {
        rules: [{ when: 'ok' }, { when: 'a +', say: 'hi {{ ( }}' }],
        byName: { x: '1', y: '[' },
        either: '1 +',
        plain: '((( not an expression',
      },
    });
    const paths = expressionProblems(view, undefined).map((p) => p.path);
    expect(paths.sort()).toEqual(['params.byName.y', 'params.either', 'params.rules.1.say', 'params.rules.1.when']);
  });
});

describe('plain dotted paths skip the JSONata parser', () => {
  const name = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,6}$/);

  it('when an expression is a dotted path then the fast path agrees with JSONata', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(name, fc.constant('steps'), fc.constant('error'), fc.constant('and')), {
          minLength: 1,
          maxLength: 5,
        }),
        (names) => {
          const source = names.join('.');
          const fast = parseSimplePath(source);
          const slow = parseExpression(source);
          if (!fast) return; // left to JSONata: nothing to compare
          expect(slow.ok).toBe(true);
          if (!slow.ok) return;
          expect(fast.refs).toEqual([...stepReferences(slow.ast)]);
          expect(fast.errorRefs ?? []).toEqual([...stepErrorReferences(slow.ast)]);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('when a path uses a keyword or an operator then the fast path declines', () => {
    expect(parseSimplePath('event.and')).toBeUndefined();
    expect(parseSimplePath('event.a + 1')).toBeUndefined();
    expect(parseSimplePath('steps.x.output')).toEqual({ refs: ['x'] });
    expect(parseSimplePath('steps.x.error.message')).toEqual({ refs: ['x'], errorRefs: ['x'] });
  });
});

describe('expression checks are bounded', () => {
  it('when a document holds more distinct expressions than the budget then the rest are skipped and that is said', () => {
    const view = viewOfRaw(
      withChange((d) => {
        step(d, 'done').params['message'] = Array.from({ length: 5 }, (_, i) => `{{ 1 + ${i} + ( }}`).join(' ');
      }),
    );
    const problems = expressionProblems(view, undefined, 3);
    expect(problems.filter((p) => p.message.startsWith('invalid expression'))).toHaveLength(3);
    expect(problems).toContainEqual({
      nodeId: 'workflow',
      path: '',
      message: 'more than 3 distinct expressions: the rest were not checked',
    });
  });
});
