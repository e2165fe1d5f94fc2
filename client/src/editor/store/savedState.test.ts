import { describe, expect, it } from 'vitest';
import { updateLabel } from '../commands';
import { storeOf } from '../commands/testing';
import type { EditorStore } from './createEditorStore';

/** What the header reads: Save is disabled ("Nothing changed since vN") when this is false. */
const dirty = (store: EditorStore) => store.getState().revision !== store.getState().savedRevision;
const rename = (store: EditorStore, label: string) => store.getState().run(updateLabel, { id: 'http_1', label });

describe('unsaved changes by content', () => {
  it('when an edit is undone back to the saved content then nothing is unsaved, and redo makes it unsaved again', () => {
    const store = storeOf();
    rename(store, 'Enrich');
    expect(dirty(store)).toBe(true);

    store.getState().undo();
    expect(dirty(store)).toBe(false);

    store.getState().redo();
    expect(dirty(store)).toBe(true);
  });

  it('when undo goes past the saved point then there are unsaved changes', () => {
    const store = storeOf();
    rename(store, 'First');
    store.getState().markSaved();
    rename(store, 'Second');

    store.getState().undo();
    expect(dirty(store)).toBe(false);
    store.getState().undo();
    expect(store.getState().nodes.find((n) => n.id === 'http_1')?.data.label).toBe('http_1');
    expect(dirty(store)).toBe(true);
    store.getState().redo();
    expect(dirty(store)).toBe(false);
  });

  it('when typing in one field goes on right after a save then undo stops at the saved content', () => {
    const store = storeOf();
    const type = (label: string) =>
      store.getState().run(updateLabel, { id: 'http_1', label }, { coalesce: 'label:http_1' });
    type('Enr');
    type('Enrich');
    store.getState().markSaved();
    type('Enrich IP');

    store.getState().undo();

    expect(store.getState().nodes.find((n) => n.id === 'http_1')?.data.label).toBe('Enrich');
    expect(dirty(store)).toBe(false);
  });

  it('when a change is made by hand back to the saved content then nothing is unsaved', () => {
    const store = storeOf();
    rename(store, 'Enrich');
    rename(store, 'http_1');
    expect(store.getState().past).toHaveLength(2);
    expect(dirty(store)).toBe(false);
  });

  it('when a node is moved and moved back then nothing is unsaved; moved only, it is', () => {
    const store = storeOf();
    store.getState().onNodesChange([{ type: 'position', id: 'http_1', position: { x: 310, y: 0 } }]);
    expect(dirty(store)).toBe(true);
    store.getState().onNodesChange([{ type: 'position', id: 'http_1', position: { x: 300, y: 0 } }]);
    expect(dirty(store)).toBe(false);
  });

  it('when a drag ends where it would save something then it is unsaved, and undoing it is not', () => {
    const store = storeOf();
    store.getState().beginGesture();
    store.getState().onNodesChange([{ type: 'position', id: 'http_1', position: { x: 500, y: 40 }, dragging: true }]);
    store.getState().endGesture();
    expect(dirty(store)).toBe(true);
    store.getState().undo();
    expect(dirty(store)).toBe(false);
  });

  it('when nodes are only selected or measured then nothing is unsaved', () => {
    const store = storeOf();
    rename(store, 'Enrich');
    store.getState().undo();
    store.getState().onNodesChange([
      { type: 'select', id: 'http_1', selected: true },
      { type: 'dimensions', id: 'http_1', dimensions: { width: 200, height: 90 } },
    ]);
    expect(dirty(store)).toBe(false);
    // The redo's graph carries no selection, yet differs by its label: unsaved.
    store.getState().redo();
    expect(dirty(store)).toBe(true);
  });

  it('when a graph is loaded then its content is the saved one', () => {
    const store = storeOf();
    rename(store, 'Enrich');
    store.getState().load(store.getState().graph());
    expect(dirty(store)).toBe(false);
    rename(store, 'http_1');
    expect(dirty(store)).toBe(true);
    store.getState().undo();
    expect(dirty(store)).toBe(false);
  });
});
