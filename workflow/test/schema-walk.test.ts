import { describe, expect, it } from 'vitest';
import { widgetFields } from '../src/validate/schema-walk';

describe('widgetFields: a JSON Schema walked together with a value', () => {
  it('when widgets hide behind $ref, allOf, prefixItems, patternProperties and additionalProperties then all are found', () => {
    const schema = {
      $defs: { Expr: { type: 'string', widget: 'expression', maxLength: 10 } },
      type: 'object',
      properties: {
        direct: { $ref: '#/$defs/Expr' },
        wrapped: { allOf: [{ $ref: '#/$defs/Expr' }], default: 'x' },
        pair: {
          type: 'array',
          prefixItems: [{ type: 'number' }, { widget: 'template' }],
          items: { widget: 'expression' },
        },
      },
      patternProperties: { '^t_': { widget: 'template' } },
      additionalProperties: { type: 'object', properties: { inner: { widget: 'expression' } } },
    };
    const value = { direct: 'a', wrapped: 'b', pair: [1, 'c', 'd'], t_x: 'e', other: { inner: 'f', skip: 'g' } };
    const found = widgetFields(schema, value).map((f) => [f.path.join('.'), f.widget, f.value, f.maxLength]);
    expect(found).toEqual([
      ['direct', 'expression', 'a', 10],
      ['wrapped', 'expression', 'b', 10],
      ['pair.1', 'template', 'c', undefined],
      ['pair.2', 'expression', 'd', undefined],
      ['t_x', 'template', 'e', undefined],
      ['other.inner', 'expression', 'f', undefined],
    ]);
  });

  it('when a $ref points at itself then the walk stops instead of recursing forever', () => {
    const schema = { $defs: { Loop: { $ref: '#/$defs/Loop' } }, $ref: '#/$defs/Loop' };
    expect(widgetFields(schema, 'x')).toEqual([]);
  });

  it('when the value does not have the shape of the schema then nothing is found and nothing throws', () => {
    const schema = { type: 'object', properties: { a: { widget: 'expression' } } };
    expect(widgetFields(schema, [1, 2])).toEqual([]);
    expect(widgetFields(schema, null)).toEqual([]);
    expect(widgetFields('not a schema', { a: 'x' })).toEqual([]);
  });
});
