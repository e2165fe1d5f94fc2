import type { Command } from '../types';

/**
 * Sets the step the run continues at when a step fails and nothing handles it
 * (`onFailure.continueAt`); `null` removes the handler: such a failure fails the run.
 */
export const setOnFailure: Command<{ continueAt: string | null }> = (graph, { continueAt }) => {
  if ((graph.onFailure?.continueAt ?? null) === continueAt) return graph;
  return { ...graph, onFailure: continueAt === null ? null : { continueAt } };
};
