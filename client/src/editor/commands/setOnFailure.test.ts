import { compileGraph } from '@autonomic/workflow';
import { describe, expect, it } from 'vitest';
import { toEditorGraph } from '../graph/convert';
import { setOnFailure } from './setOnFailure';
import { sampleGraph, storeOf } from './testing';

describe('setOnFailure', () => {
  it('when a handler step is set then the compiled document carries onFailure.continueAt', () => {
    const g = setOnFailure(sampleGraph(), { continueAt: 'block_ip_1' });
    expect(g.onFailure).toEqual({ continueAt: 'block_ip_1' });
    expect(compileGraph(toEditorGraph(g)).document?.onFailure).toEqual({ continueAt: 'block_ip_1' });
  });

  it('when it is set to none then the document has no onFailure', () => {
    const g = setOnFailure(setOnFailure(sampleGraph(), { continueAt: 'block_ip_1' }), { continueAt: null });
    expect(g.onFailure).toBeNull();
    expect(compileGraph(toEditorGraph(g)).document?.onFailure).toBeUndefined();
  });

  it('when nothing differs then the graph is unchanged', () => {
    const g = sampleGraph();
    expect(setOnFailure(g, { continueAt: null })).toBe(g);
  });

  it('when undone then the handler is gone again and the workflow reads as saved; redo sets it again', () => {
    const store = storeOf();
    store.getState().run(setOnFailure, { continueAt: 'block_ip_1' });
    expect(store.getState().onFailure).toEqual({ continueAt: 'block_ip_1' });
    expect(store.getState().revision).not.toBe(store.getState().savedRevision);
    store.getState().undo();
    expect(store.getState().onFailure).toBeNull();
    expect(store.getState().revision).toBe(store.getState().savedRevision);
    store.getState().redo();
    expect(store.getState().onFailure).toEqual({ continueAt: 'block_ip_1' });
  });
});
