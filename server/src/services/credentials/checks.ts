/**
 * What the server checks beyond the request schema, because it depends on the connector:
 * the settings against the definition's settings schema (ajv, as params are checked), and
 * the value against how the connector authenticates. Errors name the field the caller sent.
 */
import { authOf, type ConnectorDefinition } from '@autonomic/workflow';
import { checkParams } from '../../connectors/schemas';
import { ValidationError } from '../../errors';

/**
 * A definition without a settings schema takes no settings (the connector client would
 * ignore any; refusing them keeps an admin from storing configuration that does nothing).
 */
const NO_SETTINGS: Record<string, unknown> = { type: 'object', properties: {}, additionalProperties: false };

/** The definition's settings schema (JSON Schema, checked like params). */
export const settingsSchemaOf = (definition: ConnectorDefinition): Record<string, unknown> =>
  definition.settings ?? NO_SETTINGS;

/** The settings with the schema's defaults filled in; 400 naming `path` (e.g. `body.settings`) when they do not fit. */
export function checkSettings(
  definition: ConnectorDefinition,
  settings: Record<string, string>,
  path: string,
): Record<string, string> {
  const checked = checkParams(settingsSchemaOf(definition), settings);
  const problems = checked.ok ? [] : checked.problems;
  const value = checked.ok ? checked.value : {};
  // A default of another type (a definition's mistake) would not survive as a string setting.
  for (const [k, v] of Object.entries(value)) if (typeof v !== 'string') problems.push(`/${k} must be a string`);
  if (problems.length > 0) {
    throw new ValidationError(
      `invalid settings for ${definition.id}`,
      problems.map((message) => ({ path, message })),
    );
  }
  return value as Record<string, string>;
}

// eslint-disable-next-line no-control-regex -- the point is to find control characters
const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * The value's shape for the auth the credential uses (its settings may pick one of the
 * definition's choices); 400 naming `path`. The message never quotes the value.
 */
export function checkValue(
  definition: ConnectorDefinition,
  value: string,
  path: string,
  settings: Readonly<Record<string, unknown>> = {},
): void {
  const problem = valueProblem(definition, value, authOf(definition, settings)?.type);
  if (problem) throw new ValidationError('invalid credential value', [{ path, message: problem }]);
}

function valueProblem(definition: ConnectorDefinition, value: string, auth: string | undefined): string | undefined {
  if (value.trim() === '') return 'a value is required';
  // Sent in a header or a URL: a line break would be refused there, or worse, split the request.
  if (CONTROL.test(value)) return 'no line breaks or control characters';
  const colon = value.indexOf(':');
  switch (auth) {
    case undefined:
      return `${definition.name}: the auth setting names none of its auth options`;
    case 'basic':
      return colon > 0 ? undefined : `${definition.name} uses basic auth: the value is user:password`;
    case 'oauth2_client_credentials':
      return colon > 0 && colon < value.length - 1
        ? undefined
        : `${definition.name} uses OAuth2 client credentials: the value is client_id:client_secret`;
    default:
      return undefined;
  }
}
