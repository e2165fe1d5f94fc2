import type { MetadataInput } from '@autonomic/workflow';
import type { Command } from '../types';
import { sameJson } from './helpers';

/** Changes workflow metadata fields (name, tags, severity …); `undefined` values remove a field. */
export const setMetadata: Command<{ patch: Partial<MetadataInput> }> = (graph, { patch }) => {
  const metadata: MetadataInput = { ...graph.metadata };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) Reflect.deleteProperty(metadata, key);
    else Reflect.set(metadata, key, value);
  }
  return sameJson(metadata, graph.metadata) ? graph : { ...graph, metadata };
};
