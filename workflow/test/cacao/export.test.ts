import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { exportCacao } from '../../src/cacao';
import { diffWorkflows } from '../../src/diff';
import { WorkflowDocument } from '../../src/document';
import { exampleNames, loadExample } from '../support/examples';
import { importChecked, readExample, schemaErrors, validExamples } from './support';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'));
const sources: Array<[string, () => unknown]> = [
  ...validExamples().map((f): [string, () => unknown] => [f, () => readExample(f)]),
  ['while-sessions.json (fixture)', () => fixture('while-sessions.json')],
  ['branches.json (fixture)', () => fixture('branches.json')],
];

function imported(json: unknown): WorkflowDocument {
  const r = importChecked(json);
  expect(r.problems).toEqual([]);
  return WorkflowDocument.parse(r.document);
}

describe('CACAO export', () => {
  it.each(sources)(
    'when %s is imported and exported then the export passes the OASIS CACAO 2.0 schemas',
    (_name, read) => {
      const out = exportCacao(imported(read()), { workflowId: 'wf_1', created: '2026-01-02T03:04:05.000Z' });
      expect(schemaErrors(out)).toEqual([]);
    },
  );

  it.each(exampleNames())(
    'when our example playbook %s is exported then it passes the OASIS CACAO 2.0 schemas',
    (name) => {
      expect(schemaErrors(exportCacao(loadExample(name)))).toEqual([]);
    },
  );

  it.each(sources)('when %s goes import → export → import then the semantic diff shows no change', (_name, read) => {
    const first = imported(read());
    const again = imported(exportCacao(first));
    const diff = diffWorkflows(first, again);
    expect(diff).toMatchObject({ isEmpty: true });
    expect(again.onFailure).toEqual(first.onFailure);
  });

  it.each(exampleNames())(
    'when our example %s goes export → import then nothing changes (steps, tests, metadata)',
    (name) => {
      const doc = loadExample(name);
      const back = imported(exportCacao(doc));
      expect(diffWorkflows(doc, back).isEmpty).toBe(true);
      expect(back.trigger).toEqual(doc.trigger);
    },
  );

  it('when the same version is exported twice then the ids are the same, <type>--<uuid v5 of the node id>, with the times given', () => {
    const doc = loadExample(exampleNames()[0] ?? '');
    const a = exportCacao(doc, { created: '2026-01-02T03:04:05.000Z', modified: '2026-01-03T00:00:00.000Z' });
    const b = exportCacao(doc, { created: '2026-01-02T03:04:05.000Z', modified: '2026-01-03T00:00:00.000Z' });
    expect(a).toEqual(b);
    expect(a).toMatchObject({
      spec_version: 'cacao-2.0',
      created: '2026-01-02T03:04:05.000Z',
      modified: '2026-01-03T00:00:00.000Z',
    });
    expect(
      Object.keys(a['workflow'] ?? {}).every((id) =>
        /^[a-z-]+--[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(id),
      ),
    ).toBe(true);
  });

  it('when a loop is exported then it is a while-condition whose body ends at a branch end, and an HTTP step an http-api action', () => {
    const out = exportCacao(imported(fixture('while-sessions.json')));
    const steps = Object.values(out['workflow'] ?? {}) as Array<Record<string, unknown>>;
    const loop = steps.find((s) => s['type'] === 'while-condition');
    expect(loop).toMatchObject({ name: 'While sessions remain' });
    const body = steps.find((s) => s['name'] === 'Revoke one session');
    expect(body).toMatchObject({
      type: 'action',
      commands: [{ type: 'http-api', command: 'POST https://__idp__:value/sessions/revoke-one' }],
    });
    const bodyEnd = (out['workflow'] as Record<string, Record<string, unknown>>)[String(body?.['on_completion'])];
    expect(bodyEnd).toMatchObject({ type: 'end' });
    expect(out['workflow_exception']).toMatch(/^end--/);
  });
});
