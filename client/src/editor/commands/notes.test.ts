import { describe, expect, it } from 'vitest';
import { addNote, updateNote } from './notes';
import { expectUndoRedo, sampleGraph, storeOf } from './testing';

describe('sticky notes', () => {
  it('when a note is added then it is a note node with empty text, selected', () => {
    const g = addNote(sampleGraph(), { position: { x: 3, y: 4 } });
    expect(g.nodes.at(-1)).toMatchObject({
      id: 'note_1',
      type: 'note',
      selected: true,
      data: { nodeType: 'note', text: '' },
    });
  });

  it('when its text changes then only the text changes; updateNote ignores steps', () => {
    const g = addNote(sampleGraph(), { position: { x: 3, y: 4 }, id: 'note_1' });
    expect(updateNote(g, { id: 'note_1', text: 'why' }).nodes.at(-1)?.data.text).toBe('why');
    expect(updateNote(g, { id: 'http_1', text: 'x' })).toBe(g);
  });

  it('when adding is undone then the note is gone, and redo adds it', () => {
    const store = storeOf();
    expectUndoRedo(store, () => store.getState().run(addNote, { position: { x: 0, y: 0 } }));
  });

  it('when editing is undone then the old text is back, and redo sets it', () => {
    const store = storeOf();
    store.getState().run(addNote, { position: { x: 0, y: 0 }, id: 'note_1', text: 'a' });
    expectUndoRedo(store, () => store.getState().run(updateNote, { id: 'note_1', text: 'b' }));
  });
});
