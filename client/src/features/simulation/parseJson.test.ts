import { describe, expect, test } from 'vitest';
import { parseFixtures, parseJson } from './parseJson';

describe('parseJson', () => {
  test('when the text is empty then there is no value and no error', () => {
    expect(parseJson('  ')).toEqual({ ok: true, value: undefined });
  });
  test('when the text is broken then the error says so', () => {
    const r = parseJson('{"a": }');
    expect(r.ok).toBe(false);
  });
  test('when fixtures are not an object then they are refused', () => {
    expect(parseFixtures('[1]')).toEqual({ ok: false, error: 'fixtures must be a JSON object: step id → output' });
    expect(parseFixtures('{"enrich": {"status": 200}}')).toEqual({ ok: true, value: { enrich: { status: 200 } } });
  });
});
