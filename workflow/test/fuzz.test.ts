import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileGraph } from '../src/compile/compile';
import { WorkflowDocument } from '../src/document';
import { STEP_TYPES } from '../src/nodes';
import { parseWorkflowJson, validateDocument, type ValidationResult } from '../src/load';
import { generateChainGraph } from '../src/testing/generate';

/** A rich valid document: every node type the generator uses, loops, fan-outs, approvals. */
const VALID = (() => {
  const { document } = compileGraph(generateChainGraph(30));
  if (!document) throw new Error('the generated playbook should compile');
  return JSON.parse(JSON.stringify(document)) as Record<string, unknown>;
})();

/** What every result must satisfy, whatever came in. */
function expectCoherent(result: ValidationResult): void {
  expect(result.ok).toBe(result.problems.length === 0);
  for (const p of result.problems) {
    expect(typeof p.nodeId).toBe('string');
    expect(typeof p.path).toBe('string');
    expect(p.message.length).toBeGreaterThan(0);
  }
  if (result.document) expect(WorkflowDocument.safeParse(result.document).success).toBe(true);
}

type Json = Record<string, unknown> | unknown[];

/** Every [container, key] of a JSON value, to mutate one place at random. */
function places(root: unknown): Array<[Json, string | number]> {
  const out: Array<[Json, string | number]> = [];
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const v = stack.pop();
    if (Array.isArray(v)) v.forEach((c, i) => (out.push([v, i]), stack.push(c)));
    else if (v && typeof v === 'object') {
      for (const [k, c] of Object.entries(v)) {
        out.push([v as Record<string, unknown>, k]);
        stack.push(c);
      }
    }
  }
  return out;
}

const stepIds = Object.keys(VALID['steps'] as object);
const steps = () =>
  structuredClone(VALID['steps']) as Record<string, { type: string; transitions: Record<string, string[]> }>;

describe('validateDocument never throws', () => {
  it('when given any JSON value then it answers with at least one problem', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 5 }), (value) => {
        const result = validateDocument(value);
        expectCoherent(result);
        expect(result.problems.length).toBeGreaterThan(0);
      }),
      { numRuns: 200 },
    );
  });

  it('when given any text then parseWorkflowJson answers with at least one problem', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.jsonValue().map((v) => JSON.stringify(v) ?? ''),
        ),
        (text) => {
          const result = parseWorkflowJson(text);
          expectCoherent(result);
          expect(result.problems.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('when one place of a valid document is dropped or replaced by any JSON then the result is coherent', () => {
    fc.assert(
      fc.property(fc.nat(), fc.option(fc.jsonValue({ maxDepth: 3 }), { nil: undefined }), (at, replacement) => {
        const doc = structuredClone(VALID);
        const all = places(doc);
        const [container, key] = all[at % all.length] ?? [doc, 'formatVersion'];
        if (replacement === undefined && !Array.isArray(container)) delete container[key as string];
        else if (Array.isArray(container)) container[key as number] = replacement ?? null;
        else container[key as string] = replacement;
        expectCoherent(validateDocument(doc));
      }),
      { numRuns: 250 },
    );
  });

  it('when a required key is dropped then there is a problem', () => {
    const required = fc.constantFrom(
      'formatVersion',
      'metadata',
      'trigger',
      'metadata.name',
      'trigger.id',
      'trigger.type',
    );
    fc.assert(
      fc.property(
        fc.oneof(
          required,
          fc.constantFrom(...stepIds).map((id) => `steps.${id}.type`),
        ),
        (path) => {
          const doc = structuredClone(VALID);
          const keys = path.split('.');
          const parent = keys
            .slice(0, -1)
            .reduce<Record<string, unknown>>((o, k) => o[k] as Record<string, unknown>, doc);
          delete parent[keys[keys.length - 1] ?? ''];
          const result = validateDocument(doc);
          expectCoherent(result);
          expect(result.problems.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('when a value gets the wrong type then there is a problem', () => {
    const typed = [
      'formatVersion',
      'metadata.name',
      'trigger.id',
      'trigger.transitions',
      ...stepIds.map((id) => `steps.${id}.params`),
    ];
    fc.assert(
      fc.property(fc.constantFrom(...typed), fc.constantFrom<unknown>(42, true, null, [], 'text'), (path, wrong) => {
        const doc = structuredClone(VALID);
        const keys = path.split('.');
        const parent = keys
          .slice(0, -1)
          .reduce<Record<string, unknown>>((o, k) => o[k] as Record<string, unknown>, doc);
        const key = keys[keys.length - 1] ?? '';
        fc.pre(typeof parent[key] !== typeof wrong || Array.isArray(wrong) !== Array.isArray(parent[key]));
        parent[key] = wrong;
        const result = validateDocument(doc);
        expectCoherent(result);
        expect(result.problems.length).toBeGreaterThan(0);
      }),
      { numRuns: 100 },
    );
  });

  it('when a step gets an unknown type then the problem is on that step', () => {
    fc.assert(
      fc.property(fc.constantFrom(...stepIds), fc.string({ maxLength: 20 }), (id, type) => {
        fc.pre(!STEP_TYPES.includes(type));
        const doc = { ...structuredClone(VALID), steps: steps() };
        const target = doc.steps[id];
        if (target) target.type = type;
        const result = validateDocument(doc);
        expectCoherent(result);
        expect(result.problems).toContainEqual(expect.objectContaining({ nodeId: id, path: 'type' }));
      }),
      { numRuns: 60 },
    );
  });

  it('when an edge dangles then the problem is on its source', () => {
    fc.assert(
      fc.property(fc.constantFrom(...stepIds), fc.stringMatching(/^[a-z_][a-z0-9_]{0,10}$/), (id, ghost) => {
        fc.pre(!stepIds.includes(ghost) && ghost !== 'n0');
        const doc = { ...structuredClone(VALID), steps: steps() };
        const source = doc.steps[id];
        if (source) source.transitions = { ...source.transitions, error: [ghost] };
        const result = validateDocument(doc);
        expectCoherent(result);
        expect(result.problems).toContainEqual(
          expect.objectContaining({ nodeId: id, path: expect.stringMatching(/^transitions\.error/) }),
        );
      }),
      { numRuns: 60 },
    );
  });
});
