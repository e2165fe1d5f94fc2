import { describe, expect, it } from 'vitest';
import { validateDocument } from '../src/load';
import { migrateTo, migrateToLatest } from '../src/migrations';
import { expectProblem } from './support/documents';

/** A pre-release document: edges as `next` lists, positions inline. */
const V0 = {
  formatVersion: 0,
  name: 'Phishing triage',
  description: 'From the first prototype',
  tags: ['email'],
  trigger: { id: 'mail', type: 'trigger.webhook', params: {}, next: [{ port: 'out', to: 'score' }] },
  nodes: [
    {
      id: 'score',
      type: 'condition',
      label: 'Bad?',
      params: { predicate: 'event.score > 50' },
      next: [
        { port: 'true', to: 'ticket' },
        { port: 'false', to: 'close' },
      ],
      position: { x: 200, y: 0 },
    },
    {
      id: 'ticket',
      type: 'notify',
      params: { channel: 'ticket', to: 'soc', message: '{{ event.subject }}' },
      next: [{ port: 'out', to: 'close' }],
      position: { x: 400, y: 0 },
    },
    { id: 'close', type: 'end', params: {}, next: [] },
  ],
};

describe('migrateToLatest', () => {
  it('when a v0 document is migrated to v1 then metadata, steps, transitions and positions take their v1 places', () => {
    const result = migrateTo(V0, 1);
    expect(result).toEqual({
      ok: true,
      from: 0,
      value: {
        formatVersion: 1,
        metadata: { name: 'Phishing triage', description: 'From the first prototype', tags: ['email'] },
        trigger: { id: 'mail', type: 'trigger.webhook', params: {}, transitions: { out: ['score'] } },
        steps: {
          score: {
            type: 'condition',
            label: 'Bad?',
            params: { predicate: 'event.score > 50' },
            transitions: { true: ['ticket'], false: ['close'] },
          },
          ticket: {
            type: 'notify',
            params: { channel: 'ticket', to: 'soc', message: '{{ event.subject }}' },
            transitions: { out: ['close'] },
          },
          close: { type: 'end', params: {}, transitions: {} },
        },
        ui: { positions: { score: { x: 200, y: 0 }, ticket: { x: 400, y: 0 } }, notes: [] },
      },
    });
  });

  it('when a v0 document is validated then it loads as a valid v3 document, its notify a gateway step', () => {
    const { ok, document, problems } = validateDocument(V0);
    expect(problems).toEqual([]);
    expect(ok).toBe(true);
    expect(document?.formatVersion).toBe(3);
    expect(document?.steps['score']?.transitions).toEqual({ true: ['ticket'], false: ['close'] });
    expect(document?.steps['ticket']).toMatchObject({
      type: 'connector',
      params: { connector: 'autonomic-gateway', action: 'notify', credential: 'notify-ticket' },
      transitions: { out: ['close'] },
    });
  });

  it('when a v3 document is migrated then it is returned as it is', () => {
    const v3 = { formatVersion: 3, anything: true };
    expect(migrateToLatest(v3)).toEqual({ ok: true, from: 3, value: v3 });
  });

  it('when a v2 document with samples is migrated then each sample is a case expecting success unless it said otherwise', () => {
    const v2 = {
      formatVersion: 2,
      anything: true,
      samples: [
        { name: 'quiet', event: { ip: '10.0.0.1' }, fixtures: { enrich: { score: 3 } } },
        { name: 'loud', event: { ip: '10.0.0.2' }, expect: { status: 'failed', path: ['enrich', 'block'] } },
      ],
    };
    expect(migrateToLatest(v2)).toEqual({
      ok: true,
      from: 2,
      value: {
        formatVersion: 3,
        anything: true,
        tests: [
          {
            name: 'quiet',
            event: { ip: '10.0.0.1' },
            fixtures: { enrich: { output: { score: 3 } } },
            expect: { status: 'succeeded' },
          },
          { name: 'loud', event: { ip: '10.0.0.2' }, expect: { status: 'failed', path: ['enrich', 'block'] } },
        ],
      },
    });
  });

  it('when a v2 document has no samples then it gets no cases', () => {
    expect(migrateToLatest({ formatVersion: 2, steps: {} })).toEqual({
      ok: true,
      from: 2,
      value: { formatVersion: 3, steps: {}, tests: [] },
    });
  });

  it('when a v1 document without retired steps is migrated then only its format version changes', () => {
    const v1 = { formatVersion: 1, steps: { wait: { type: 'delay', params: { duration: '1m' } } }, anything: true };
    expect(migrateToLatest(v1)).toEqual({ ok: true, from: 1, value: { ...v1, formatVersion: 3, tests: [] } });
  });

  it.each([
    [{ name: 'x' }, 'formatVersion is missing'],
    [{ formatVersion: 4 }, 'format version 4 is newer than this release reads (3)'],
    [{ formatVersion: -1 }, 'unknown format version -1'],
    [{ formatVersion: '1' }, 'formatVersion must be an integer'],
    [{ formatVersion: 0.5 }, 'formatVersion must be an integer'],
  ])('when the document is %j then the problem is on formatVersion: %s', (raw, message) => {
    const result = migrateToLatest(raw);
    expect(result).toEqual({ ok: false, problems: [{ nodeId: 'workflow', path: 'formatVersion', message }] });
  });

  it('when the document is not an object then that is the problem', () => {
    expect(migrateToLatest([1])).toEqual({
      ok: false,
      problems: [{ nodeId: 'workflow', path: '', message: 'a workflow must be a JSON object' }],
    });
  });

  it('when a v0 edge has no target then the problem names the node, not its index', () => {
    const broken = structuredClone(V0);
    broken.nodes[1] = { ...broken.nodes[1], next: [{ port: 'out' }] } as (typeof V0.nodes)[1];
    const result = migrateToLatest(broken);
    expect(result.ok).toBe(false);
    if (!result.ok) expectProblem(result.problems, 'ticket', 'next.0.to', 'To is required');
  });

  it('when two v0 nodes share an id then the migration refuses to merge them', () => {
    const broken = structuredClone(V0);
    broken.nodes.push({ id: 'close', type: 'end', params: {}, next: [] });
    const result = migrateToLatest(broken);
    expect(result).toEqual({
      ok: false,
      problems: [{ nodeId: 'close', path: '', message: 'two nodes share the id "close"' }],
    });
  });
});
