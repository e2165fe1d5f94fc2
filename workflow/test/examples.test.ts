import Ajv2020 from 'ajv/dist/2020';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { WorkflowDocument } from '../src/document';
import { buildGraph, isLoopBackEdge, reachableFrom } from '../src/graph';
import { migrateToLatest } from '../src/migrations';
import { assertionCount } from '../src/cases/schema';
import { effectOf } from '../src/diff/steps';
import { nodeDefinition } from '../src/nodes';
import {
  BROKEN_DIR,
  brokenExampleFiles,
  exampleNames,
  hasExampleFile,
  loadExample,
  readExample,
  readJson,
} from './support/examples';
import { ipInCidr } from './support/cidr';

const Asset = z
  .object({
    kind: z.enum(['ip', 'cidr', 'host', 'user', 'domain']),
    value: z.string().min(1),
    criticality: z.enum(['low', 'medium', 'high', 'critical']),
    reason: z.string().min(1),
    owner: z.string().min(1),
  })
  .strict();
const SafetyList = z.object({ protected: z.array(Asset).min(1), autoOk: z.array(Asset) }).strict();

/** Retired step types: the examples use connectors instead. */
const LEGACY_INTEGRATIONS = new Set(['block-ip', 'isolate-host', 'disable-user', 'notify']);

// Simple formats stand in for ajv-formats, which only the server depends on.
const ajv = new Ajv2020({
  allErrors: true,
  formats: {
    ipv4: /^(\d{1,3}\.){3}\d{1,3}$/,
    'date-time': /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/,
  },
});

describe.each(exampleNames())('example %s', (name) => {
  const doc = loadExample(name);
  const checkEvent = ajv.compile(doc.trigger.inputSchema);

  it('when migrated and parsed then the workflow is a valid document of the current format', () => {
    const migrated = migrateToLatest(readExample(name));
    expect(migrated.ok).toBe(true);
    const parsed = WorkflowDocument.safeParse(migrated.ok ? migrated.value : undefined);
    expect(parsed.error?.issues ?? []).toEqual([]);
  });

  it("when the event and fixture files are read then they are the first case's event and outputs", () => {
    const first = doc.tests[0];
    expect(doc.tests.length).toBeGreaterThanOrEqual(3);
    expect(first?.event).toEqual(readExample(name, 'event.json'));
    const outputs = Object.entries(first?.fixtures ?? {}).flatMap(([id, f]) =>
      f.output === undefined ? [] : [[id, f.output] as const],
    );
    expect(Object.fromEntries(outputs)).toEqual(readExample(name, 'fixtures.json'));
  });

  it("when every case's event is checked then the trigger's input schema accepts it", () => {
    for (const c of doc.tests) {
      checkEvent(c.event);
      expect(checkEvent.errors ?? [], c.name).toEqual([]);
    }
  });

  it('when cases give outputs then only steps that read get them; failures may hit any step', () => {
    const answered = doc.tests.flatMap((c) =>
      Object.entries(c.fixtures).flatMap(([id, f]) => {
        const answers = f.sequence ?? [f];
        if (answers.every((a) => a.output === undefined)) return [];
        const step = doc.steps[id];
        return [step ? nodeDefinition(step.type)?.effect(step.params) : 'missing'];
      }),
    );
    expect(new Set(answered)).toEqual(new Set(['read']));
  });

  it('when the cases are read then each asserts something and every destructive step is named by one', () => {
    expect(doc.tests.filter((c) => assertionCount(c.expect) === 0).map((c) => c.name)).toEqual([]);
    const destructive = Object.keys(doc.steps).filter((id) => effectOf(doc.steps[id]!) === 'destructive');
    const named = new Set(
      doc.tests.flatMap((c) => [...(c.expect.reached ?? []), ...(c.expect.effects ?? []).map((e) => e.step)]),
    );
    expect(destructive.filter((id) => !named.has(id))).toEqual([]);
  });

  it('when the steps are listed then every vendor call is a connector step and none builds a URL by hand', () => {
    const legacy = Object.entries(doc.steps).filter(([, s]) => LEGACY_INTEGRATIONS.has(s.type));
    const urls = Object.entries(doc.steps).filter(([, s]) => /\bhttps?:\/\//i.test(JSON.stringify(s.params)));
    // A plain HTTP step only reads an in-house service whose base URL is a var (no vendor has a connector for it).
    const httpWrites = Object.entries(doc.steps).filter(
      ([, s]) =>
        s.type === 'http' &&
        (nodeDefinition('http')?.effect(s.params) !== 'read' ||
          !/^\{\{ vars\./.test(JSON.stringify(s.params).match(/"url":"([^"]*)"/)?.[1] ?? '')),
    );
    expect(httpWrites.map(([id]) => id)).toEqual([]);

    expect(legacy.map(([id, s]) => `${id}: ${s.type}`)).toEqual([]);
    expect(urls.map(([id]) => id)).toEqual([]);
    expect(Object.values(doc.steps).filter((s) => s.type === 'connector').length).toBeGreaterThanOrEqual(3);
  });

  it('when the safety list is read then it has the documented shape', () => {
    const parsed = SafetyList.safeParse(readExample(name, 'safety.json'));
    expect(parsed.error?.issues ?? []).toEqual([]);
  });

  it('when wired then every transition lands on a step and every step is reachable', () => {
    const graph = buildGraph(doc);
    expect(graph.edges.filter((e) => !doc.steps[e.to])).toEqual([]);
    expect([...reachableFrom(graph, doc.trigger.id)].sort()).toEqual(Object.keys(doc.steps).sort());
  });

  it('when laid out then every node has a position and edges run left to right', () => {
    const pos = doc.ui.positions;
    expect(Object.keys(pos).sort()).toEqual([doc.trigger.id, ...Object.keys(doc.steps)].sort());
    const graph = buildGraph(doc);
    const backwards = graph.edges.filter((e) => !isLoopBackEdge(graph, e) && pos[e.to]!.x <= pos[e.from]!.x);
    expect(backwards).toEqual([]);
  });

  it('when described then the metadata says what the playbook is for', () => {
    const m = doc.metadata;
    expect(m.description.length).toBeGreaterThan(80);
    expect(m.tags.length).toBeGreaterThan(1);
    expect([m.owner, m.manualBaselineMinutes, m.category]).not.toContain(undefined);
  });
});

describe('malicious-ip-containment protected event', () => {
  const protectedCidrs = SafetyList.parse(readExample('malicious-ip-containment', 'safety.json'))
    .protected.filter((a) => a.kind === 'cidr')
    .map((a) => a.value);
  const srcIp = (file: string) =>
    z.object({ src_ip: z.string() }).parse(readExample('malicious-ip-containment', file)).src_ip;

  it('when the protected event is read then its source IP falls in a protected range', () => {
    expect(hasExampleFile('malicious-ip-containment', 'event-protected.json')).toBe(true);
    expect(protectedCidrs.some((c) => ipInCidr(srcIp('event-protected.json'), c))).toBe(true);
  });

  it('when the ordinary event is read then its source IP is not protected', () => {
    expect(protectedCidrs.some((c) => ipInCidr(srcIp('event.json'), c))).toBe(false);
  });
});

describe('broken examples', () => {
  it('when listed then there are several, each a separate file', () => {
    expect(brokenExampleFiles().length).toBeGreaterThanOrEqual(3);
  });

  // Semantic defects (a dangling edge, a read of a step not upstream) pass the schema on
  // purpose: they are there for the validator, so the schema must not hide them.
  it.each([
    ['dangling-transition.json', true],
    ['non-upstream-reference.json', true],
    ['approval-without-approvers.json', false],
    ['unknown-node-type.json', false],
  ])('when %s is parsed then schema success is %s', (file, parses) => {
    expect(WorkflowDocument.safeParse(readJson(`${BROKEN_DIR}/${file}`)).success).toBe(parses);
  });
});
