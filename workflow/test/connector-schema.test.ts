import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020';
import { describe, expect, it } from 'vitest';
import { CONNECTOR_SCHEMA_PATH, connectorJsonSchema, renderConnectorJsonSchema } from '../scripts/connector-schema';
import { ConnectorDefinition } from '../src/connectors';
import { sampleConnector } from './support/connectors';

function compile() {
  // `widget` is the form hint of `Template`: declared so strict mode still catches typos.
  // `uri` (the OAuth2 token URL) is a standard format; zod checks it, here it is only declared.
  const ajv = new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: true, formats: { uri: true } });
  ajv.addVocabulary(['widget']);
  return ajv.compile(connectorJsonSchema());
}

const validate = compile();

describe('connector JSON Schema', () => {
  it('when regenerated in memory then it equals the committed file (run `npm run schema -w workflow`)', () => {
    expect(readFileSync(CONNECTOR_SCHEMA_PATH, 'utf8')).toBe(renderConnectorJsonSchema());
  });

  it('when read then it names itself and the draft it follows', () => {
    const schema = connectorJsonSchema();
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.$id).toBe('https://autonomic.dev/schema/connector.schema.json');
    expect(schema.title).toContain('format v1');
  });

  it('when checking the sample definition then the schema accepts it', () => {
    const ok = validate(sampleConnector());
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });
});

const BROKEN: Array<{ name: string; edit: (d: Record<string, unknown>) => void }> = [
  { name: 'no id', edit: (d) => delete d.id },
  { name: 'an unknown top-level key', edit: (d) => (d.author = 'mallory') },
  { name: 'bearer auth with a name', edit: (d) => (d.auth = { type: 'bearer', name: 'x' }) },
  { name: 'a version that is not semver', edit: (d) => (d.version = '1') },
  { name: 'a string for actions', edit: (d) => (d.actions = 'lookup') },
];

describe('connector JSON Schema on broken definitions', () => {
  it.each(BROKEN)('when the definition has $name then the schema and zod both reject it', ({ edit }) => {
    const d = sampleConnector();
    edit(d);
    expect(validate(d)).toBe(false);
    expect(ConnectorDefinition.safeParse(d).success).toBe(false);
  });
});
