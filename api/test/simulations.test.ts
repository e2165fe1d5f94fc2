import { describe, expect, test } from 'vitest';
import { SimulateBody, withinBounds } from '../src';

/** A value of `depth` nested objects: { a: { a: … 1 } } (the limit is 64). */
function nested(depth: number): unknown {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = { a: v };
  return v;
}

describe('SimulateBody', () => {
  test.each([
    ['an event', { event: { src_ip: '203.0.113.7' } }],
    ['a stored test case with its approvals policy', { case: 'malicious ip', approvals: 'timeout' }],
    ['fixtures per step id', { event: {}, fixtures: { lookup: { score: 97 } } }],
    ['an event nested to the limit', { event: nested(64) }],
  ])('when the body is %s then it is accepted', (_name, body) => {
    expect(SimulateBody.safeParse(body).success).toBe(true);
  });

  test.each([
    ['an event nested beyond the limit', { event: nested(65) }, 'event'],
    ['a fixture nested beyond the limit', { fixtures: { lookup: nested(65) } }, 'fixtures.lookup'],
    ['an unknown approvals policy', { approvals: 'maybe' }, 'approvals'],
    ['a field the client may not set', { event: {}, runId: 'r1' }, ''],
  ])('when the body has %s then it is refused at that field', (_name, body, path) => {
    const r = SimulateBody.safeParse(body);
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join('.'))).toContain(path);
  });
});

describe('withinBounds', () => {
  test('when a value holds more values than allowed then it is out of bounds, however shallow', () => {
    const wide = Array.from({ length: 11 }, (_, i) => i);
    expect(withinBounds(wide, 64, 12)).toBe(true);
    expect(withinBounds(wide, 64, 11)).toBe(false);
  });

  test('when a value is 100,000 levels deep then the check answers without overflowing the stack', () => {
    expect(withinBounds(nested(100_000))).toBe(false);
  });
});
