import { describe, expect, it } from 'vitest';
import { fieldsOf, schemaOf } from './triggerSchema';

describe('trigger input schema as fields', () => {
  const schema = {
    type: 'object',
    title: 'Alert',
    properties: {
      ip: { type: 'string', format: 'ipv4', description: 'source' },
      indicators: { type: 'array', items: { type: 'string' } },
      score: { type: 'number' },
    },
    required: ['ip'],
  };

  it('when a flat schema is read and written back then it is unchanged', () => {
    const fields = fieldsOf(schema);
    expect(fields?.map((f) => [f.name, f.type, f.required])).toEqual([
      ['ip', 'string', true],
      ['indicators', 'array', false],
      ['score', 'number', false],
    ]);
    expect(schemaOf(fields ?? [], schema)).toEqual(schema);
  });

  it('when a field has nested properties, a pattern or an enum then the schema is not a field list', () => {
    expect(fieldsOf({ type: 'object', properties: { user: { type: 'object', properties: {} } } })).toBeUndefined();
    expect(fieldsOf({ type: 'object', properties: { ip: { type: 'string', pattern: '^1' } } })).toBeUndefined();
    expect(fieldsOf({ anyOf: [] })).toBeUndefined();
  });

  it('when rows have no name or repeat a name then they are left out of the schema', () => {
    const row = { type: 'string' as const, required: false, format: '', description: '', itemType: 'string' as const };
    expect(
      schemaOf(
        [
          { ...row, name: '' },
          { ...row, name: 'a' },
          { ...row, name: 'a', type: 'number' },
        ],
        {},
      ),
    ).toEqual({
      type: 'object',
      properties: { a: { type: 'string' } },
    });
  });
});
