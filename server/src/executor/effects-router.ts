/**
 * One engine serves every workflow; each live run's effects go through the port the
 * EffectsFactory made for its workflow (kill switch, per-hour blast radius).
 */
import { stepError, type EffectsPort } from '../engine';
import type { EffectsFactory } from '../services/contracts';

export function routeEffects(factory: EffectsFactory, workflowOf: (runId: string) => string | undefined): EffectsPort {
  const ports = new Map<string, EffectsPort>();
  return {
    perform(request) {
      const workflowId = workflowOf(request.runId);
      if (workflowId === undefined) {
        const error = stepError('internal', `no workflow known for run ${request.runId}`, { retryable: false });
        return Promise.resolve({ ok: false, error });
      }
      let port = ports.get(workflowId);
      if (!port) {
        port = factory.forWorkflow(workflowId);
        ports.set(workflowId, port);
      }
      return port.perform(request);
    },
  };
}
