import { describe, expect, it } from 'vitest';
import { validateDocument } from '../src/load';
import { baseDocument, expectProblem, step, withChange, type DocJson } from './support/documents';

interface Case {
  when: string;
  change: (d: DocJson) => void;
  nodeId: string;
  path: string;
  message: string;
}

/** enrich → check → block → again → enrich */
function closeCycle(d: DocJson): void {
  step(d, 'block').transitions = { out: ['again'] };
  d.steps['again'] = { type: 'transform', params: { expression: '1' }, transitions: { out: ['enrich'] } };
}

const title = (c: Case) => `when ${c.when} then ${c.nodeId} ${c.path || '(node)'} says "${c.message}"`;

const CASES: Case[] = [
  {
    when: 'the trigger id is also a step id',
    change: (d) => (d.steps['alert'] = { type: 'end', params: {} }),
    nodeId: 'alert',
    path: 'id',
    message: 'also a step id',
  },
  {
    when: 'a transition leaves from a port the node type does not have',
    change: (d) => (step(d, 'enrich').transitions = { out: ['check'], maybe: ['done'] }),
    nodeId: 'enrich',
    path: 'transitions.maybe',
    message: '"maybe" is not a port of http',
  },
  {
    when: 'a transition leads to a missing step',
    change: (d) => (step(d, 'check').transitions = { true: ['block'], false: ['ghost'] }),
    nodeId: 'check',
    path: 'transitions.false.0',
    message: 'missing step "ghost"',
  },
  {
    when: 'a transition leads back to the trigger',
    change: (d) => (step(d, 'block').transitions = { out: ['alert'] }),
    nodeId: 'block',
    path: 'transitions.out.0',
    message: 'back to the trigger "alert"',
  },
  {
    when: 'a port that is not a fan-out leads to two steps',
    change: (d) => (step(d, 'enrich').transitions = { out: ['check', 'done'] }),
    nodeId: 'enrich',
    path: 'transitions.out',
    message: 'one step only (it leads to 2)',
  },
  {
    when: 'a port lists the same step twice',
    change: (d) => (step(d, 'check').transitions = { true: ['block'], false: ['done', 'done'] }),
    nodeId: 'check',
    path: 'transitions.false.1',
    message: 'leads to "done" twice',
  },
  {
    when: 'a required port is left unconnected',
    change: (d) => (step(d, 'check').transitions = { false: ['done'] }),
    nodeId: 'check',
    path: 'transitions.true',
    message: 'required port "true" is not connected',
  },
  {
    when: "the trigger's start port is unconnected",
    change: (d) => (d.trigger.transitions = {}),
    nodeId: 'alert',
    path: 'transitions.out',
    message: 'required port "out"',
  },
  {
    when: 'a step cannot be reached from the trigger',
    change: (d) => (d.steps['orphan'] = { type: 'end', params: {} }),
    nodeId: 'orphan',
    path: '',
    message: 'not reachable from the trigger',
  },
  {
    when: 'transitions form a cycle outside a for-each body',
    change: closeCycle,
    nodeId: 'again',
    path: '',
    message: 'part of a cycle through again, block, check, enrich',
  },
  {
    when: 'a step loops to itself',
    change: (d) => (step(d, 'enrich').transitions = { out: ['check'], error: ['enrich'] }),
    nodeId: 'enrich',
    path: '',
    message: 'part of a cycle through enrich',
  },
  {
    // each ─item→ look ─out→ done, and each ─done→ done: `done` runs per item and after the loop
    when: 'a for-each body runs into a step also reached after the loop',
    change: (d) => {
      step(d, 'check').transitions = { true: ['each'], false: ['done'] };
      d.steps['each'] = {
        type: 'foreach',
        params: { items: 'event.ips' },
        transitions: { item: ['look'], done: ['done'] },
      };
      d.steps['look'] = { type: 'http', params: { url: 'https://x/{{ item }}' }, transitions: { out: ['done'] } };
    },
    nodeId: 'each',
    path: 'transitions.item',
    message: 'reaches "done", which is also reached from outside the body',
  },
  {
    when: 'a join has a single incoming branch',
    change: (d) => {
      step(d, 'enrich').transitions = { out: ['merge'] };
      d.steps['merge'] = { type: 'join', params: {}, transitions: { out: ['check'] } };
    },
    nodeId: 'merge',
    path: '',
    message: 'at least 2 incoming branches (it has 1)',
  },
  {
    when: 'a parallel has a single branch',
    change: (d) => {
      d.trigger.transitions = { out: ['fork'] };
      d.steps['fork'] = { type: 'parallel', params: {}, transitions: { branches: ['enrich'] } };
    },
    nodeId: 'fork',
    path: 'transitions.branches',
    message: 'at least 2 branches (it has 1)',
  },
  {
    when: 'an approval needs more votes than it names users, and no role',
    change: (d) => {
      step(d, 'check').transitions = { true: ['ask'], false: ['done'] };
      d.steps['ask'] = {
        type: 'approval',
        params: { approvers: { users: ['ana', 'bo'] }, quorum: 3, timeout: '1h' },
        transitions: { approved: ['block'] },
      };
    },
    nodeId: 'ask',
    path: 'params.quorum',
    message: 'a quorum of 3 can never be reached: only 2 named users and no role',
  },
  {
    when: 'a schedule runs at minute 61',
    change: (d) => (d.trigger = { ...d.trigger, type: 'trigger.schedule', params: { cron: '61 * * * *' } }),
    nodeId: 'alert',
    path: 'params.cron',
    message: 'minute field "61": 61 is out of range 0-59',
  },
  {
    when: 'a schedule names a time zone that does not exist',
    change: (d) =>
      (d.trigger = { ...d.trigger, type: 'trigger.schedule', params: { cron: '0 * * * *', timezone: 'Mars/Olympus' } }),
    nodeId: 'alert',
    path: 'params.timezone',
    message: 'unknown time zone "Mars/Olympus"',
  },
  {
    when: 'a step is named __proto__',
    change: (d) =>
      Object.defineProperty(d.steps, '__proto__', { value: { type: 'end', params: {} }, enumerable: true }),
    nodeId: '__proto__',
    path: '',
    message: 'cannot be a step id',
  },
];

describe('validateDocument: semantic checks', () => {
  it('when the base document is checked then it has no problem', () => {
    expect(validateDocument(baseDocument())).toMatchObject({ ok: true, problems: [] });
  });

  it.each(CASES.map((c) => [title(c), c] as const))('%s', (_, { change, nodeId, path, message }) => {
    const result = validateDocument(withChange(change));
    expect(result.ok).toBe(false);
    expectProblem(result.problems, nodeId, path, message);
  });

  it('when a cycle is reported then every node on it is marked', () => {
    const { problems } = validateDocument(withChange(closeCycle));
    const marked = problems.filter((p) => p.message.startsWith('part of a cycle')).map((p) => p.nodeId);
    expect(marked.sort()).toEqual(['again', 'block', 'check', 'enrich']);
  });

  it('when a for-each body returns to its for-each then that loop is no cycle and the body no leak', () => {
    // check ─true→ each ─item→ look ─out→ each (loop back); each ─done→ block
    const doc = withChange((d) => {
      step(d, 'check').transitions = { true: ['each'], false: ['done'] };
      d.steps['each'] = {
        type: 'foreach',
        params: { items: 'event.ips' },
        transitions: { item: ['look'], done: ['block'] },
      };
      d.steps['look'] = { type: 'http', params: { url: 'https://x/{{ item }}' }, transitions: { out: ['each'] } };
    });
    expect(validateDocument(doc).problems).toEqual([]);
  });

  it('when a for-each body ends with an End step then it is no leak', () => {
    const doc = withChange((d) => {
      step(d, 'check').transitions = { true: ['each'], false: ['done'] };
      d.steps['each'] = {
        type: 'foreach',
        params: { items: 'event.ips' },
        transitions: { item: ['stop'], done: ['block'] },
      };
      d.steps['stop'] = { type: 'end', params: {} };
    });
    expect(validateDocument(doc).problems).toEqual([]);
  });

  it('when a parallel has no branch at all then only the required port is reported', () => {
    const doc = withChange((d) => {
      d.trigger.transitions = { out: ['fork', 'enrich'] };
      d.steps['fork'] = { type: 'parallel', params: {}, transitions: {} };
    });
    const fork = validateDocument(doc).problems.filter((p) => p.nodeId === 'fork');
    expect(fork).toEqual([
      { nodeId: 'fork', path: 'transitions.branches', message: 'required port "branches" is not connected' },
    ]);
  });

  it('when an approval names a role then a quorum above the named users is fine', () => {
    const doc = withChange((d) => {
      step(d, 'check').transitions = { true: ['ask'], false: ['done'] };
      d.steps['ask'] = {
        type: 'approval',
        params: { approvers: { users: ['ana'], roles: ['soc'] }, quorum: 3, timeout: '1h' },
        transitions: { approved: ['block'] },
      };
    });
    expect(validateDocument(doc).problems).toEqual([]);
  });

  it('when the wiring and the params are both wrong then both are reported at once', () => {
    const doc = withChange((d) => {
      step(d, 'enrich').params['url'] = '';
      step(d, 'check').transitions = { true: ['block'], false: ['ghost'] };
    });
    const { ok, document, problems } = validateDocument(doc);
    expect(ok).toBe(false);
    expect(document).toBeUndefined();
    expectProblem(problems, 'enrich', 'params.url', 'a URL is required');
    expectProblem(problems, 'check', 'transitions.false.0', 'missing step "ghost"');
  });

  it('when only semantic problems remain then the document is still returned, as a draft', () => {
    const { ok, document } = validateDocument(withChange((d) => (d.steps['orphan'] = { type: 'end', params: {} })));
    expect(ok).toBe(false);
    expect(document?.steps['orphan']?.type).toBe('end');
  });
});
