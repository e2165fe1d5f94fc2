import { describe, expect, it } from 'vitest';
import { setTests, updateTestCase } from './setTests';
import { expectUndoRedo, sampleGraph, storeOf } from './testing';

const brute = { name: 'Brute force', event: { src_ip: '198.51.100.7' }, expect: { status: 'succeeded' as const } };

describe('setTests', () => {
  it('when cases are set then the graph carries them', () => {
    expect(setTests(sampleGraph(), { tests: [brute] }).tests).toEqual([brute]);
  });

  it('when the cases are the same then the graph is unchanged', () => {
    const g = { ...sampleGraph(), tests: [brute] };
    expect(setTests(g, { tests: [{ ...brute }] })).toBe(g);
  });

  it('when undone then the old cases are back, and redo sets them again', () => {
    const store = storeOf();
    expectUndoRedo(store, () => store.getState().run(setTests, { tests: [brute] }));
  });
});

describe('updateTestCase', () => {
  it('when one case is replaced then the others stay as they were', () => {
    const other = { ...brute, name: 'Quiet' };
    const g = updateTestCase(
      { ...sampleGraph(), tests: [brute, other] },
      { index: 1, testCase: { ...other, event: {} } },
    );
    expect(g.tests).toEqual([brute, { ...other, event: {} }]);
  });

  it('when the index names no case then the graph is unchanged', () => {
    const g = { ...sampleGraph(), tests: [brute] };
    expect(updateTestCase(g, { index: 3, testCase: brute })).toBe(g);
  });

  it('when a fixture is added through the store then undo removes it and redo puts it back', () => {
    const store = storeOf({ ...sampleGraph(), tests: [brute] });
    const testCase = { ...brute, fixtures: { http_1: { fail: { kind: 'http_5xx' as const, status: 503 } } } };
    expectUndoRedo(store, () => store.getState().run(updateTestCase, { index: 0, testCase }));
  });
});
