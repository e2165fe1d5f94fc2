import { describe, expect, test } from 'vitest';
import { CreateSafetyEntry, UpdateSafetyEntry } from '../src';

const entry = { list: 'protected', kind: 'ip', value: '10.0.0.1', reason: 'domain controller' };

describe('CreateSafetyEntry', () => {
  test('when criticality and owner are left out then the entry is medium and has no owner', () => {
    const r = CreateSafetyEntry.parse(entry);
    expect(r).toEqual({ ...entry, criticality: 'medium' });
  });

  test('when the value and reason carry spaces then they are trimmed', () => {
    const r = CreateSafetyEntry.parse({ ...entry, value: '  10.0.0.1 ', reason: ' dc ' });
    expect([r.value, r.reason]).toEqual(['10.0.0.1', 'dc']);
  });

  test.each([
    ['an unknown list', { ...entry, list: 'maybe' }, 'list'],
    ['an unknown kind', { ...entry, kind: 'mac' }, 'kind'],
    ['a blank value', { ...entry, value: '   ' }, 'value'],
    ['a blank reason', { ...entry, reason: '' }, 'reason'],
    ['an unknown criticality', { ...entry, criticality: 'severe' }, 'criticality'],
    ['a field the server sets', { ...entry, createdById: '019a0000-0000-7000-8000-000000000000' }, ''],
  ])('when the body has %s then it is refused at that field', (_name, body, path) => {
    const r = CreateSafetyEntry.safeParse(body);
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join('.'))).toContain(path);
  });
});

describe('UpdateSafetyEntry', () => {
  test.each([
    ['one field', { reason: 'moved' }],
    ['the owner cleared', { owner: null }],
  ])('when the patch changes %s then it is accepted', (_name, body) => {
    expect(UpdateSafetyEntry.safeParse(body).success).toBe(true);
  });

  test('when the patch is empty then it is refused as nothing to change', () => {
    const r = UpdateSafetyEntry.safeParse({});
    expect(r.error?.issues.map((i) => i.message)).toEqual(['nothing to change']);
  });

  test('when the patch sets the id then it is refused (the id is the path parameter)', () => {
    expect(UpdateSafetyEntry.safeParse({ id: 'x', reason: 'r' }).success).toBe(false);
  });
});
