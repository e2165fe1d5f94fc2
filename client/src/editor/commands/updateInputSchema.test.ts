import { describe, expect, it } from 'vitest';
import { updateInputSchema } from './updateInputSchema';
import { expectUndoRedo, sampleGraph, storeOf } from './testing';

const schema = { type: 'object', properties: { ip: { type: 'string' } } };

describe('updateInputSchema', () => {
  it('when a trigger gets an event schema then it carries it', () => {
    const g = updateInputSchema(sampleGraph(), { id: 'webhook_1', inputSchema: schema });
    expect(g.nodes[0]?.data.inputSchema).toEqual(schema);
  });

  it('when the node is a step then nothing changes', () => {
    const g = sampleGraph();
    expect(updateInputSchema(g, { id: 'http_1', inputSchema: schema })).toBe(g);
  });

  it('when undone then the schema is gone, and redo sets it again', () => {
    const store = storeOf();
    expectUndoRedo(store, () => store.getState().run(updateInputSchema, { id: 'webhook_1', inputSchema: schema }));
  });
});
