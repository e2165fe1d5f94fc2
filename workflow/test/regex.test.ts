import { describe, expect, test } from 'vitest';
import { Re2RegExp, re2RegExp } from '../src';

describe('Re2RegExp (linear-time regular expressions)', () => {
  test('when a catastrophic-backtracking pattern meets a long non-matching input then it answers false (RE2 does not backtrack)', () => {
    // With V8's RegExp this input would take longer than the age of the universe.
    const re = new Re2RegExp('^(a+)+$');
    expect(re.test(`${'a'.repeat(5_000)}!`)).toBe(false);
    expect(re.test('aaaa')).toBe(true);
  });

  test('when exec walks a string with lastIndex then matches, groups and positions are what RegExp gives', () => {
    const re = new Re2RegExp(/(\d+)-(x)?/g);
    const input = 'a12- b345-x';
    const first = re.exec(input);
    expect(first && [...first]).toEqual(['12-', '12', undefined]);
    expect(first?.index).toBe(1);
    expect(re.lastIndex).toBe(4);
    const second = re.exec(input);
    expect(second && [...second]).toEqual(['345-x', '345', 'x']);
    expect(second?.index).toBe(6);
    expect(re.exec(input)).toBeNull();
    expect(re.lastIndex).toBe(0);
  });

  test('when flags i, m and s are given then they apply', () => {
    expect(new Re2RegExp('abc', 'i').test('xABCx')).toBe(true);
    expect(new Re2RegExp('^b$', 'm').test('a\nb\nc')).toBe(true);
    expect(new Re2RegExp('a.b', 's').test('a\nb')).toBe(true);
    expect(new Re2RegExp('a.b').test('a\nb')).toBe(false);
  });

  test('when a pattern needs backtracking features (lookahead, backreference) then it is refused with a clear message', () => {
    expect(() => new Re2RegExp('(?=a)b')).toThrow(/not supported .*RE2/);
    expect(() => new Re2RegExp('(a)\\1')).toThrow(/not supported/);
  });

  test('when ajv asks for a pattern engine then re2RegExp gives one whose toString tells patterns apart', () => {
    expect(String(re2RegExp('^a$', 'u'))).toBe('/^a$/u');
    expect(String(re2RegExp('^b$', 'u'))).not.toBe(String(re2RegExp('^a$', 'u')));
  });
});
