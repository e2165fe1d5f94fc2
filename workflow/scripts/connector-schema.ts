import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { CONNECTOR_FORMAT_VERSION, ConnectorDefinition } from '../src/connectors';

/** Where the committed connector schema lives; written by `npm run schema -w workflow` with the workflow's. */
export const CONNECTOR_SCHEMA_PATH = fileURLToPath(new URL('../schema/connector.schema.json', import.meta.url));

export const CONNECTOR_SCHEMA_ID = 'https://autonomic.dev/schema/connector.schema.json';

/**
 * The JSON Schema of a connector definition as written (`io: 'input'`: defaults may be
 * left out). The cross-field checks (templates against params, targets, the health
 * action) are zod's alone, like the workflow schema's refinements.
 */
export function connectorJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(ConnectorDefinition, {
    io: 'input',
    unrepresentable: 'any',
    target: 'draft-2020-12',
  });
  const { $schema, ...rest } = generated;
  return {
    $schema,
    $id: CONNECTOR_SCHEMA_ID,
    title: `Autonomic connector definition, format v${CONNECTOR_FORMAT_VERSION}`,
    description: 'A vendor API as data: base URL, auth, and actions with request templates and JSON Schemas.',
    ...rest,
  };
}

/** The file's exact text: two-space indent and a final newline, so regenerating is byte-stable. */
export function renderConnectorJsonSchema(): string {
  return `${JSON.stringify(connectorJsonSchema(), null, 2)}\n`;
}
