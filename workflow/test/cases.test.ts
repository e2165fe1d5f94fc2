import { describe, expect, it } from 'vitest';
import { coverageOf, type CaseRun } from '../src/cases/coverage';
import { StepFixture, TestCase } from '../src/cases/schema';
import { WorkflowDocument } from '../src/document';
import { validateDocument } from '../src/load';
import { baseDocument, expectProblem, withChange, type DocJson } from './support/documents';

const EVENT = { ip: '203.0.113.7' };

function withCases(tests: unknown[], base: DocJson = baseDocument()): DocJson {
  return withChange((d) => void (d['tests'] = tests), base);
}

/** The base document with an error port on the lookup and an approval before the block. */
function guarded(): DocJson {
  return withChange((d) => {
    d.steps['enrich']!.transitions = { out: ['check'], error: ['failed'] };
    d.steps['check']!.transitions = { true: ['ask'], false: ['done'] };
    d.steps['ask'] = {
      type: 'approval',
      params: {
        approvers: { roles: ['reviewer'] },
        timeout: '1h',
        escalation: [{ after: '15m', approvers: { users: ['oncall'] } }],
      },
      transitions: { approved: ['block'], rejected: ['done'], timeout: ['done'] },
    };
    d.steps['failed'] = { type: 'end', params: { status: 'failed', message: 'lookup failed' } };
  });
}

describe('test cases: the schema', () => {
  it.each([
    [{ output: { score: 3 } }, true],
    [{ fail: { kind: 'http_5xx', status: 503 } }, true],
    [{ fail: { kind: 'timeout' } }, true],
    [{ sequence: [{ output: 3 }, { fail: { kind: 'http_429', status: 429 } }], by: 'attempt' }, true],
    [{ output: 1, fail: { kind: 'network' } }, false],
    [{}, false],
    [{ output: 1, by: 'call' }, false],
    [{ sequence: [] }, false],
    [{ sequence: [{}] }, false],
    [{ fail: { kind: 'http_5xx', status: 700 } }, false],
    [{ fail: { kind: 'boom' } }, false],
  ])('when a fixture is %j then it parses: %s', (fixture, ok) => {
    expect(StepFixture.safeParse(fixture).success).toBe(ok);
  });

  it('when a case is written with only a name and an event then the defaults fill in fixtures, approvals and an empty expectation', () => {
    expect(TestCase.parse({ name: 'x', event: EVENT })).toEqual({
      name: 'x',
      event: EVENT,
      fixtures: {},
      approvals: {},
      expect: {},
    });
  });

  it('when an approval times out at an escalation level then the schema refuses it (a timeout is nobody deciding)', () => {
    const r = TestCase.safeParse({ name: 'x', event: {}, approvals: { ask: { decision: 'timeout', level: 1 } } });
    expect(r.error?.issues.map((i) => i.path.join('.'))).toEqual(['approvals.ask.level']);
  });
});

describe('test cases: what the validator reports', () => {
  it('when a case asserts nothing then that is a problem naming the case, and a case with one assertion is fine', () => {
    const { problems, ok } = validateDocument(
      withCases([
        { name: 'empty', event: EVENT },
        { name: 'fine', event: EVENT, expect: { status: 'succeeded' } },
      ]),
    );
    expect(ok).toBe(false);
    expect(problems).toEqual([
      {
        nodeId: 'workflow',
        path: 'tests.0.expect',
        message: 'case "empty": asserts nothing: add an expected status, steps reached or not, effects or outputs',
      },
    ]);
  });

  it('when a case names steps that do not exist then each reference is a problem at its own path', () => {
    const { problems } = validateDocument(
      withCases([
        {
          name: 'typos',
          event: EVENT,
          fixtures: { enrihc: { output: {} } },
          expect: {
            reached: ['blokc'],
            notReached: ['block'],
            effects: [{ step: 'nope', decision: 'refused' }],
            outputs: [{ step: 'gone', matches: 'true' }],
          },
        },
      ]),
    );
    expectProblem(problems, 'workflow', 'tests.0.fixtures.enrihc', 'there is no step "enrihc"');
    expectProblem(problems, 'workflow', 'tests.0.expect.reached.0', 'there is no step "blokc"');
    expectProblem(problems, 'workflow', 'tests.0.expect.effects.0.step', 'there is no step "nope"');
    expectProblem(problems, 'workflow', 'tests.0.expect.outputs.0.step', 'there is no step "gone"');
    expect(problems).toHaveLength(4);
  });

  it('when a fixture stands in for a step that calls nothing, or an approval fixture for a non-approval, then both are problems', () => {
    const { problems } = validateDocument(
      withCases(
        [
          {
            name: 'misplaced',
            event: EVENT,
            fixtures: { check: { output: true } },
            approvals: { enrich: { decision: 'approved' }, ask: { decision: 'approved', level: 2 } },
            expect: { status: 'succeeded' },
          },
        ],
        guarded(),
      ),
    );
    expectProblem(problems, 'workflow', 'tests.0.fixtures.check', 'calls nothing outside');
    expectProblem(problems, 'workflow', 'tests.0.approvals.enrich', '"enrich" is not an approval step');
    expectProblem(
      problems,
      'workflow',
      'tests.0.approvals.ask.level',
      'has 1 escalation level(s), so it cannot be decided at level 2',
    );
    expect(problems).toHaveLength(3);
  });

  it('when two cases share a name or a predicate does not parse then each is reported', () => {
    const { problems } = validateDocument(
      withCases([
        { name: 'same', event: EVENT, expect: { status: 'succeeded' } },
        { name: 'same', event: EVENT, expect: { outputs: [{ step: 'enrich', matches: 'body.score >' }] } },
      ]),
    );
    expectProblem(problems, 'workflow', 'tests.1.name', 'two cases share this name');
    expectProblem(problems, 'workflow', 'tests.1.expect.outputs.0.matches', 'the predicate does not parse');
  });
});

describe('coverageOf', () => {
  const doc = WorkflowDocument.parse(guarded());

  it('when no case ran then nothing is covered and every destructive step and error port is listed uncovered', () => {
    const c = coverageOf(doc, []);
    expect(c).toMatchObject({ covered: 0, total: c.edges.length, percent: 0 });
    expect(c.destructive).toEqual([
      { stepId: 'block', label: 'Connector', reachedBy: [], refusedBy: [], heldBackBy: [] },
    ]);
    expect(c.errorPorts).toEqual([{ stepId: 'enrich', label: 'HTTP request', cases: [] }]);
  });

  it('when cases take the happy path, the error port and a refusal then the edges, ports and refusals are counted per case', () => {
    const runs: CaseRun[] = [
      {
        name: 'blocked',
        attempts: [
          { stepId: 'enrich', port: 'out' },
          { stepId: 'check', port: 'true' },
          { stepId: 'ask', port: 'approved' },
          { stepId: 'block', port: 'out' },
          { stepId: 'done' },
        ],
      },
      { name: 'lookup down', attempts: [{ stepId: 'enrich', port: 'error' }, { stepId: 'failed' }] },
      {
        name: 'protected',
        attempts: [
          { stepId: 'enrich', port: 'out' },
          { stepId: 'check', port: 'true' },
          { stepId: 'ask', port: 'approved' },
          { stepId: 'block', safety: { decision: 'refuse' } },
        ],
      },
      { name: 'could not run', attempts: [] },
    ];
    const c = coverageOf(doc, runs);
    const edge = (from: string, port: string, to: string) =>
      c.edges.find((e) => e.from === from && e.port === port && e.to === to)?.cases;
    expect(edge('alert', 'out', 'enrich')).toEqual(['blocked', 'lookup down', 'protected']);
    expect(edge('enrich', 'error', 'failed')).toEqual(['lookup down']);
    expect(edge('block', 'out', 'done')).toEqual(['blocked']);
    expect(edge('check', 'false', 'done')).toEqual([]);
    expect(edge('ask', 'rejected', 'done')).toEqual([]);
    // alert→enrich, enrich→check, enrich→failed, check→ask, ask→block, block→done of 9 edges
    expect([c.covered, c.total, c.percent]).toEqual([6, 9, 66.6]);
    expect(c.destructive).toEqual([
      {
        stepId: 'block',
        label: 'Connector',
        reachedBy: ['blocked', 'protected'],
        refusedBy: ['protected'],
        heldBackBy: [],
      },
    ]);
    expect(c.errorPorts).toEqual([{ stepId: 'enrich', label: 'HTTP request', cases: ['lookup down'] }]);
  });

  it('when a port was left but its target never ran (a second target of a fan-out) then that edge is not covered', () => {
    const c = coverageOf(doc, [{ name: 'half', attempts: [{ stepId: 'enrich', port: 'out' }] }]);
    expect(c.edges.find((e) => e.from === 'enrich' && e.to === 'check')?.cases).toEqual([]);
    expect(c.edges.find((e) => e.from === 'alert')?.cases).toEqual(['half']);
  });
});

describe('coverageOf a for-each', () => {
  const doc = WorkflowDocument.parse(
    withChange((d) => {
      d.trigger.transitions = { out: ['each'] };
      d.steps = {
        each: { type: 'foreach', params: { items: 'event.ips' }, transitions: { item: ['look'], done: ['done'] } },
        look: { type: 'http', params: { url: 'https://intel.example/{{ item }}' }, transitions: { out: ['each'] } },
        done: { type: 'end', params: {} },
      };
    }),
  );

  it('when a case ran items then the item edge and the body edge back are covered; with no item only done is', () => {
    const ran = coverageOf(doc, [
      {
        name: 'two items',
        attempts: [
          { stepId: 'each', port: 'done' },
          { stepId: 'look', port: 'out' },
          { stepId: 'look', port: 'out' },
          { stepId: 'done' },
        ],
      },
    ]);
    expect(ran.edges.map((e) => [e.from, e.port, e.to, e.cases.length])).toEqual([
      ['alert', 'out', 'each', 1],
      ['each', 'item', 'look', 1],
      ['each', 'done', 'done', 1],
      ['look', 'out', 'each', 1],
    ]);
    const empty = coverageOf(doc, [
      { name: 'no items', attempts: [{ stepId: 'each', port: 'done' }, { stepId: 'done' }] },
    ]);
    expect(empty.edges.filter((e) => e.cases.length === 0).map((e) => `${e.from}.${e.port}`)).toEqual([
      'each.item',
      'look.out',
    ]);
  });
});
