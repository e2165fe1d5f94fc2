/**
 * Regular expressions cannot stall the server: JSONata regex literals and JSON Schema
 * `pattern` run on RE2 (linear time). Each input below would backtrack for hours in V8.
 */
import { describe, expect, test } from 'vitest';
import { DEFAULT_EXPRESSION_LIMITS, Expressions } from '../../src/engine';
import { EventSchemas } from '../../src/services/runs/event-schema';

const evil = (n: number) => `${'a'.repeat(n)}!`;

describe('regular expressions run in linear time', () => {
  test('when an expression tests a catastrophic pattern then it answers, with RegExp semantics for match, replace and split', async () => {
    const x = new Expressions(DEFAULT_EXPRESSION_LIMITS, () => 0);
    await expect(x.evaluate(`$contains($pad("",5000,"a")&"!", /^(a+)+$/)`, {})).resolves.toBe(false);
    await expect(x.evaluate(`$contains("xABCx", /abc/i)`, {})).resolves.toBe(true);
    await expect(x.evaluate(`$replace("Hello World", /o/, "0")`, {})).resolves.toBe('Hell0 W0rld');
    await expect(x.evaluate(`$split("a1b22c", /[0-9]+/)`, {})).resolves.toEqual(['a', 'b', 'c']);
    await expect(x.evaluate(`$match("foo bar", /(\\w+) (\\w+)/).groups`, {})).resolves.toEqual(['foo', 'bar']);
  });

  test('when an expression uses lookahead then the step fails with an expression error naming RE2', async () => {
    const x = new Expressions(DEFAULT_EXPRESSION_LIMITS, () => 0);
    await expect(x.evaluate(`$contains("ab", /a(?=b)/)`, {})).rejects.toMatchObject({
      error: { kind: 'expression', message: expect.stringMatching(/RE2/) },
    });
  });

  test("when a trigger's input schema has a catastrophic pattern then a long bad value is refused at once, naming the field", () => {
    const schemas = new EventSchemas();
    const schema = { type: 'object', properties: { user: { type: 'string', pattern: '^([a-z0-9]+)+$' } } };
    expect(schemas.check('v1', schema, { user: evil(10_000) })).toEqual([
      { path: 'body.user', message: 'is not in the expected form' },
    ]);
    expect(schemas.check('v1', schema, { user: 'abc123' })).toEqual([]);
  });
});
