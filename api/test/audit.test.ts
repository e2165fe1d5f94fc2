import { describe, expect, test } from 'vitest';
import { AuditQuery } from '../src';

describe('AuditQuery', () => {
  test('when no limit is given then a page is 50 events, and a limit from the query string is a number', () => {
    expect(AuditQuery.parse({}).limit).toBe(50);
    expect(AuditQuery.parse({ limit: '7' }).limit).toBe(7);
  });

  test('when from equals to then it is accepted (from is inclusive, to exclusive)', () => {
    const at = '2026-11-20T00:00:00Z';
    expect(AuditQuery.safeParse({ from: at, to: at }).success).toBe(true);
  });

  test.each([
    ['from after to', { from: '2026-11-21T00:00:00Z', to: '2026-11-20T00:00:00+01:00' }, 'from'],
    ['a from that is not an instant', { from: 'yesterday' }, 'from'],
    ['a limit over 200', { limit: '201' }, 'limit'],
    ['a blank action', { action: '  ' }, 'action'],
    ['an unknown filter', { user: 'x' }, ''],
  ])('when the query has %s then it is refused at that field', (_name, query, path) => {
    const r = AuditQuery.safeParse(query);
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join('.'))).toContain(path);
  });
});
