import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { FORMAT_VERSION, WorkflowDocument } from '../src/document';
import { CONNECTOR_SCHEMA_PATH, renderConnectorJsonSchema } from './connector-schema';

/** Where the committed schema lives; editors and other tools point `$schema` at it. */
export const SCHEMA_PATH = fileURLToPath(new URL(`../schema/workflow.v${FORMAT_VERSION}.json`, import.meta.url));

export const SCHEMA_ID = `https://autonomic.dev/schema/workflow.v${FORMAT_VERSION}.json`;

/**
 * The JSON Schema of the workflow document as written (`io: 'input'`: defaults may be
 * left out). Refinements zod cannot express (approvers not empty, escalation order)
 * are not in it: the schema is a structural check for other tools, zod stays the
 * authority.
 */
export function workflowJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(WorkflowDocument, {
    io: 'input',
    unrepresentable: 'any',
    target: 'draft-2020-12',
  });
  const { $schema, ...rest } = generated;
  return {
    $schema,
    $id: SCHEMA_ID,
    title: `Autonomic workflow document, format v${FORMAT_VERSION}`,
    description: 'A SOAR playbook: trigger, steps wired by node id, vars, sample events and a layout-only ui block.',
    ...rest,
  };
}

/** The file's exact text: two-space indent and a final newline, so regenerating is byte-stable. */
export function renderWorkflowJsonSchema(): string {
  return `${JSON.stringify(workflowJsonSchema(), null, 2)}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(SCHEMA_PATH, renderWorkflowJsonSchema());
  console.log(`wrote ${SCHEMA_PATH}`);
  writeFileSync(CONNECTOR_SCHEMA_PATH, renderConnectorJsonSchema());
  console.log(`wrote ${CONNECTOR_SCHEMA_PATH}`);
}
