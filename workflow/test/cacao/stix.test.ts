import { describe, expect, it } from 'vitest';
import { stixToJsonata } from '../../src/cacao/stix';
import { toStixPattern } from '../../src/cacao/stix-export';
import { VariableScope } from '../../src/cacao/variables';

const scope = new VariableScope();
const map = (pattern: string) => stixToJsonata(pattern, scope);

describe('STIX patterns to JSONata', () => {
  it.each([
    ["[ipv4-addr:value = '198.51.100.7']", "event.`ipv4-addr`.value = '198.51.100.7'"],
    ['__count__:value = 0', 'vars.count = 0'],
    ['__count__:value >= 3 AND __count__:value < 10', '(vars.count >= 3 and vars.count < 10)'],
    [
      "[file:hashes.sha256 != 'x'] OR NOT __mode__:value = 'off'",
      "(event.`file`.hashes.sha256 != 'x' or $not(vars.mode = 'off'))",
    ],
    ['(__a__:value <= __b__:value)', 'vars.a <= vars.b'],
  ])('when the pattern is %s then the expression is %s', (pattern, expression) => {
    expect(map(pattern)).toMatchObject({ ok: true, expression });
  });

  it("when a variable is set by a step (out_args) then the expression reads that step's output, else its initial value", () => {
    const s = new VariableScope();
    s.setBy('__left__', 'revoke', true);
    expect(stixToJsonata('__left__:value > 0', s)).toMatchObject({
      expression: '($exists(steps.revoke.output.body.left) ? steps.revoke.output.body.left : vars.left) > 0',
    });
  });

  it.each([
    ["[domain-name:value MATCHES '^evil']", 'the STIX operator MATCHES has no mapping'],
    [
      "[ipv4-addr:value = '1.2.3.4'] FOLLOWEDBY [ipv4-addr:value = '5.6.7.8']",
      'the STIX operator FOLLOWEDBY has no mapping',
    ],
    ['__x__:value', 'the pattern ends too early'],
    ["[a:b = 'x'", 'the pattern ends too early'],
    ["[a:b = 'x')", '"[" is not closed'],
  ])('when the pattern is %s then it is not mapped: %s', (pattern, reason) => {
    expect(map(pattern)).toEqual({ ok: false, reason: expect.stringContaining(reason) });
  });
});

describe('JSONata predicates back to STIX (export)', () => {
  it.each([
    [
      "(event.`ipv4-addr`.value = '10.0.0.1' and $not(vars.mode = 'off'))",
      "([ipv4-addr:value = '10.0.0.1'] AND NOT __mode__:value = 'off')",
    ],
    ['vars.count > 0', '__count__:value > 0'],
  ])(
    'when the predicate is %s then the pattern is %s, which imports back to the same predicate',
    (predicate, pattern) => {
      expect(toStixPattern(predicate)).toBe(pattern);
      expect(map(pattern)).toMatchObject({ ok: true, expression: predicate });
    },
  );

  it('when the predicate has no STIX form then it is kept in our own pattern, which imports back exactly', () => {
    const predicate = "$count(steps.scan.output.hits[score > 5]) > 2 and event.user != 'it\\'s'";
    const pattern = toStixPattern(predicate);
    expect(pattern).toMatch(/^\[x-autonomic-expression:value = '/);
    expect(map(pattern)).toMatchObject({ ok: true, expression: predicate });
  });
});
