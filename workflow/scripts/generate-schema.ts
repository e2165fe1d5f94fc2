import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { FORMAT_VERSION, WorkflowDocument } from '../src/document';
import { CONNECTOR_SCHEMA_PATH, renderConnectorJsonSchema } from './connector-schema';
import { jsonSchemaOf, renderJsonSchema } from './json-schema';

/** Where the committed schema lives; editors and other tools point `$schema` at it. */
export const SCHEMA_PATH = fileURLToPath(new URL(`../schema/workflow.v${FORMAT_VERSION}.json`, import.meta.url));

export const SCHEMA_ID = `https://autonomic.dev/schema/workflow.v${FORMAT_VERSION}.json`;

/**
 * The JSON Schema of the workflow document as written. Refinements zod cannot express
 * (approvers not empty, escalation order) are not in it.
 */
export function workflowJsonSchema(): Record<string, unknown> {
  return jsonSchemaOf(WorkflowDocument, {
    $id: SCHEMA_ID,
    title: `Autonomic workflow document, format v${FORMAT_VERSION}`,
    description: 'A SOAR playbook: trigger, steps wired by node id, vars, test cases and a layout-only ui block.',
  });
}

export function renderWorkflowJsonSchema(): string {
  return renderJsonSchema(workflowJsonSchema());
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(SCHEMA_PATH, renderWorkflowJsonSchema());
  console.log(`wrote ${SCHEMA_PATH}`);
  writeFileSync(CONNECTOR_SCHEMA_PATH, renderConnectorJsonSchema());
  console.log(`wrote ${CONNECTOR_SCHEMA_PATH}`);
}
