import { generateChainGraph } from '@autonomic/workflow';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { testCatalog } from '../connectors/testing';
import { fromEditorGraph } from '../graph/convert';
import { createEditorStore } from './createEditorStore';
import { IDLE_FROM_NODES, startLiveValidation, VALIDATION_DEBOUNCE_MS } from './validation';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

/** A store whose compiles are counted. */
function countedStore(nodes: number) {
  const store = createEditorStore(fromEditorGraph(generateChainGraph(nodes)));
  const validateNow = store.getState().validateNow;
  const compiles = vi.fn(validateNow);
  store.setState({ validateNow: compiles });
  return { store, compiles };
}

describe('live validation when the catalog and the policies arrive', () => {
  it('when a big graph opens and the catalog and policies arrive then it compiles once, after they came, not once each at once', () => {
    const { store, compiles } = countedStore(IDLE_FROM_NODES);
    const stop = startLiveValidation(store);
    store.getState().setConnectors(testCatalog());
    store.getState().setPolicies({ policies: [], context: { maxDestructivePerRun: null } });
    expect(compiles).not.toHaveBeenCalled();
    vi.advanceTimersByTime(VALIDATION_DEBOUNCE_MS);
    expect(compiles).toHaveBeenCalledTimes(1);
    stop();
  });

  it('when a small graph gets the catalog then it is checked at once (what the connector forms read)', () => {
    const { store, compiles } = countedStore(10);
    store.getState().setConnectors(testCatalog());
    expect(compiles).toHaveBeenCalledTimes(1);
  });
});
