import { describe, expect, it, vi } from 'vitest';
import { parseWorkflowJson, validateDocument } from '../src/load';
import { LIMITS } from '../src/validate/limits';
import { baseDocument, expectProblem, step, withChange } from './support/documents';

const MB = 1024 * 1024;

/** `depth` objects nested in one another, built without recursion. */
function nested(depth: number): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
}

describe('parseWorkflowJson', () => {
  it('when the text is a valid workflow then it loads without problems', () => {
    const { ok, document } = parseWorkflowJson(JSON.stringify(baseDocument()));
    expect(ok).toBe(true);
    expect(document?.trigger.id).toBe('alert');
  });

  it('when the text starts with a byte order mark then it still loads', () => {
    expect(parseWorkflowJson(`\uFEFF${JSON.stringify(baseDocument())}`).ok).toBe(true);
  });

  it('when the text is not JSON then the parser message is the problem', () => {
    const { ok, problems } = parseWorkflowJson('{"formatVersion": 1,');
    expect(ok).toBe(false);
    expectProblem(problems, 'workflow', '', 'not JSON:');
  });

  it('when the text is 100 MB then it is refused by its length, at once', () => {
    const parse = vi.spyOn(JSON, 'parse');
    const { problems } = parseWorkflowJson('x'.repeat(100 * MB));
    expect(problems).toEqual([
      { nodeId: 'workflow', path: '', message: `the file is larger than ${LIMITS.maxBytes} bytes` },
    ]);
    // Refused by its length: the parser never saw it.
    expect(parse).not.toHaveBeenCalled();
    parse.mockRestore();
  });

  it('when few characters weigh more than 5 MB in UTF-8 then the bytes count', () => {
    const text = JSON.stringify({ formatVersion: 1, pad: 'é'.repeat(3 * MB) });
    expect(text.length).toBeLessThan(LIMITS.maxBytes);
    expectProblem(parseWorkflowJson(text).problems, 'workflow', '', 'larger than');
  });

  it('when the JSON nests 10,000 levels deep then it is refused before any parser recurses', () => {
    const { problems } = parseWorkflowJson(`${'['.repeat(10_000)}${']'.repeat(10_000)}`);
    expect(problems).toEqual([
      { nodeId: 'workflow', path: '', message: `nested deeper than ${LIMITS.maxDepth} levels (at character 64)` },
    ]);
  });

  it('when brackets are inside strings then they do not count as nesting', () => {
    const doc = withChange((d) => (step(d, 'done').params['message'] = `${'[{'.repeat(200)} "\\" [[[`));
    expect(parseWorkflowJson(JSON.stringify(doc)).problems).toEqual([]);
  });
});

describe('validateDocument on hostile values', () => {
  it('when a label is 100 MB long then its length is the problem, found without hanging', () => {
    const doc = withChange((d) => (step(d, 'enrich').label = 'L'.repeat(100 * MB)));
    const { problems } = validateDocument(doc);
    expect(problems).toEqual([
      {
        nodeId: 'enrich',
        path: 'label',
        message: `a string of ${100 * MB} characters (at most ${LIMITS.maxStringLength})`,
      },
    ]);
  });

  it('when a value nests 10,000 levels deep then the depth is the problem', () => {
    const doc = withChange((d) => (d['vars'] = { deep: nested(10_000) }));
    const { problems } = validateDocument(doc);
    expect(problems).toHaveLength(1);
    expectProblem(problems, 'workflow', expect.stringMatching(/^vars\.deep(\.a)+$/), 'nested deeper than 64');
  });

  it('when a value contains itself then it counts as too deep instead of looping', () => {
    const doc = baseDocument();
    doc['vars'] = { self: doc };
    expectProblem(validateDocument(doc).problems, 'workflow', expect.any(String), 'nested deeper');
  });

  it('when reading the value throws then the throw becomes a problem', () => {
    const doc = baseDocument();
    Object.defineProperty(doc, 'vars', {
      enumerable: true,
      get: () => {
        throw new Error('boom');
      },
    });
    expect(validateDocument(doc)).toEqual({
      ok: false,
      problems: [{ nodeId: 'workflow', path: '', message: 'the validator failed: boom' }],
    });
  });

  it('when a document has more steps than the checks are made for then it is refused at once', () => {
    const doc = withChange((d) => {
      // 4 steps in the base document, and 5,001 more
      for (let i = 0; i <= LIMITS.maxSteps; i++) d.steps[`s${i}`] = { type: 'end', params: {} };
    });
    expect(validateDocument(doc).problems).toEqual([
      { nodeId: 'workflow', path: 'steps', message: `${LIMITS.maxSteps + 5} steps, more than ${LIMITS.maxSteps}` },
    ]);
  });

  it.each([null, undefined, 42, 'text', [], () => 1, Symbol('s'), 10n])(
    'when the input is %s then there is a problem',
    (raw) => {
      const result = validateDocument(raw);
      expect(result.ok).toBe(false);
      expect(result.problems.length).toBeGreaterThan(0);
    },
  );
});

describe('validateDocument: schema problems land on their node', () => {
  it.each([
    [
      'a step param',
      (d: ReturnType<typeof baseDocument>) => (step(d, 'enrich').params['url'] = ''),
      'enrich',
      'params.url',
      'a URL is required',
    ],
    [
      'a trigger param',
      (d: ReturnType<typeof baseDocument>) => (d.trigger.params['nope'] = 1),
      'alert',
      'params',
      'nope',
    ],
    [
      'the metadata',
      (d: ReturnType<typeof baseDocument>) => (d.metadata['name'] = ''),
      'workflow',
      'metadata.name',
      'a name is required',
    ],
    [
      'a step type',
      (d: ReturnType<typeof baseDocument>) => (step(d, 'done').type = 'run-script'),
      'done',
      'type',
      '"run-script" is not a node type',
    ],
    [
      'a trigger type on a step',
      (d: ReturnType<typeof baseDocument>) => (step(d, 'done').type = 'trigger.manual'),
      'done',
      'type',
      'is a trigger, not a step',
    ],
    [
      'a step type on the trigger',
      (d: ReturnType<typeof baseDocument>) => (d.trigger.type = 'http'),
      'alert',
      'type',
      '"http" is not a trigger type',
    ],
    [
      'a port id',
      (d: ReturnType<typeof baseDocument>) => (step(d, 'enrich').transitions = { out: ['check'], Bad: [] }),
      'enrich',
      'transitions.Bad',
      '"Bad" is not allowed as a name: it must be a port id',
    ],
    [
      'a step id',
      (d: ReturnType<typeof baseDocument>) => (d.steps['bad id'] = { type: 'end', params: {} }),
      'bad id',
      '',
      '"bad id" is not allowed as a name',
    ],
    [
      'an escalation out of order',
      (d: ReturnType<typeof baseDocument>) => {
        step(d, 'check').transitions = { true: ['ask'], false: ['done'] };
        d.steps['ask'] = {
          type: 'approval',
          params: {
            approvers: { roles: ['soc'] },
            timeout: '1h',
            escalation: [
              { after: '30m', approvers: { roles: ['lead'] } },
              { after: '10m', approvers: { roles: ['ciso'] } },
            ],
          },
          transitions: { approved: ['block'] },
        };
      },
      'ask',
      'params.escalation.1.after',
      'each escalation must come after the previous one',
    ],
  ])('when %s is wrong then the problem is on that node and path', (_, change, nodeId, path, message) => {
    expectProblem(validateDocument(withChange(change)).problems, nodeId, path, message);
  });
});
