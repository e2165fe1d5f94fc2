import { fileURLToPath } from 'node:url';
import { CONNECTOR_FORMAT_VERSION, ConnectorDefinition } from '../src/connectors';
import { jsonSchemaOf, renderJsonSchema } from './json-schema';

/** Where the committed connector schema lives; written by `npm run schema -w workflow` with the workflow's. */
export const CONNECTOR_SCHEMA_PATH = fileURLToPath(new URL('../schema/connector.schema.json', import.meta.url));

export const CONNECTOR_SCHEMA_ID = 'https://autonomic.dev/schema/connector.schema.json';

/**
 * The JSON Schema of a connector definition as written. The cross-field checks (templates
 * against params, targets, the health action) are zod's alone, like the workflow schema's
 * refinements.
 */
export function connectorJsonSchema(): Record<string, unknown> {
  return jsonSchemaOf(ConnectorDefinition, {
    $id: CONNECTOR_SCHEMA_ID,
    title: `Autonomic connector definition, format v${CONNECTOR_FORMAT_VERSION}`,
    description: 'A vendor API as data: base URL, auth, and actions with request templates and JSON Schemas.',
  });
}

export function renderConnectorJsonSchema(): string {
  return renderJsonSchema(connectorJsonSchema());
}
