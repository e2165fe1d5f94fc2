import type { EditorGraph } from '@autonomic/workflow';
import type { Command } from '../types';
import { sameJson } from './helpers';

export type Samples = NonNullable<EditorGraph['samples']>;

/** Replaces the workflow's sample events (what reviewers and the review policy simulate). */
export const setSamples: Command<{ samples: Samples }> = (graph, { samples }) =>
  sameJson(samples, graph.samples) ? graph : { ...graph, samples };
