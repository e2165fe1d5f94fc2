import type { Command, NodeData } from '../types';
import { sameJson, updateNodeData } from './helpers';

export interface StepSettingsArgs {
  id: string;
  /** A RetryPolicy as written; null removes it (no retry). Left out: unchanged. */
  retry?: Record<string, unknown> | null;
  /** A duration like `30s`; null removes it. Left out: unchanged. */
  timeout?: string | null;
}

/** Sets a step's retry policy and timeout. Triggers and notes have neither. */
export const updateStepSettings: Command<StepSettingsArgs> = (graph, { id, retry, timeout }) =>
  updateNodeData(graph, id, (d) => {
    const node = graph.nodes.find((n) => n.id === id);
    if (node?.type !== 'step') return d;
    const { retry: oldRetry, timeout: oldTimeout, ...rest } = d;
    const nextRetry = retry === undefined ? oldRetry : (retry ?? undefined);
    const nextTimeout = timeout === undefined ? oldTimeout : (timeout ?? undefined);
    if (sameJson(nextRetry, oldRetry) && nextTimeout === oldTimeout) return d;
    const next: NodeData = { ...rest };
    if (nextRetry !== undefined) next.retry = nextRetry;
    if (nextTimeout !== undefined) next.timeout = nextTimeout;
    return next;
  });
