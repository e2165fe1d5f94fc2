import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020';
import { describe, expect, it } from 'vitest';
import { SCHEMA_PATH, renderWorkflowJsonSchema, workflowJsonSchema } from '../scripts/generate-schema';
import { WorkflowDocument } from '../src/document';
import { migrateToLatest } from '../src/migrations';
import { exampleNames, readExample, setPath } from './support/examples';

function compile() {
  // `widget` and `help` are form hints from `.meta()`: declared so strict mode still catches typos.
  const ajv = new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: true });
  ajv.addVocabulary(['widget', 'help']);
  return ajv.compile(workflowJsonSchema());
}

const validate = compile();

/** An example as the schema describes it: examples written in an older format are migrated first. */
function latest(raw: unknown): unknown {
  const migrated = migrateToLatest(raw);
  if (!migrated.ok) throw new Error(`the example does not migrate: ${JSON.stringify(migrated.problems)}`);
  return migrated.value;
}

describe('workflow JSON Schema', () => {
  it('when regenerated in memory then it equals the committed file (run `npm run schema -w workflow`)', () => {
    expect(readFileSync(SCHEMA_PATH, 'utf8')).toBe(renderWorkflowJsonSchema());
  });

  it('when rendered twice then the text is identical', () => {
    expect(renderWorkflowJsonSchema()).toBe(renderWorkflowJsonSchema());
  });

  it('when read then it names itself and the draft it follows', () => {
    const schema = workflowJsonSchema();
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.$id).toBe('https://autonomic.dev/schema/workflow.v3.json');
    expect(schema.title).toContain('format v3');
  });

  it.each(exampleNames())('when checking example %s then the schema accepts it', (name) => {
    const ok = validate(latest(readExample(name)));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });
});

const BROKEN: Array<{ name: string; path: string; value: unknown }> = [
  { name: 'missing trigger', path: 'trigger', value: undefined },
  { name: 'missing metadata name', path: 'metadata.name', value: undefined },
  { name: 'another format version', path: 'formatVersion', value: 1 },
  { name: 'extra top-level key', path: 'author', value: 'mallory' },
  { name: 'unknown node type', path: 'steps.enrich_ip.type', value: 'run-script' },
  { name: 'unknown param', path: 'steps.block_ip.params.force', value: true },
  { name: 'quorum as a string', path: 'steps.approve_block.params.quorum', value: '1' },
  { name: 'lower-case HTTP method', path: 'steps.enrich_ip.params.method', value: 'get' },
  { name: 'retry attempts as a fraction', path: 'steps.enrich_ip.retry.maxAttempts', value: 2.5 },
  { name: 'bad duration', path: 'steps.approve_block.params.timeout', value: '1 hour' },
  {
    name: 'bad escalation delay',
    path: 'steps.approve_block.params.escalation',
    value: [{ after: 'soon', approvers: { users: ['oncall-lead'] } }],
  },
  { name: 'bad step timeout', path: 'steps.block_ip.timeout', value: '30' },
  {
    name: 'node id starting with a digit',
    path: 'steps.1st_lookup',
    value: { type: 'delay', params: { duration: '1m' } },
  },
  { name: 'node id with a dash', path: 'trigger.id', value: 'siem-alert' },
  { name: 'transition to a bad id', path: 'steps.check_confidence.transitions.true', value: ['approve-block'] },
  { name: 'upper-case port id', path: 'steps.enrich_ip.transitions.Out', value: ['check_confidence'] },
  { name: 'unknown severity', path: 'metadata.severity', value: 'urgent' },
  { name: 'a connector step of no effect class', path: 'steps.block_ip.params.effect', value: 'explode' },
  { name: 'ui position without y', path: 'ui.positions.block_ip', value: { x: 1 } },
];

describe('workflow JSON Schema on broken documents', () => {
  it.each(BROKEN)('when the document has $name then the schema and zod both reject it', ({ path, value }) => {
    const doc = structuredClone(latest(readExample('malicious-ip-containment')));
    setPath(doc, path, value);
    expect(validate(doc)).toBe(false);
    expect(WorkflowDocument.safeParse(doc).success).toBe(false);
  });
});
