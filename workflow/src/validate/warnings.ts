import type { WorkflowDocument } from '../document';
import { nodeDefinition, targetOf } from '../nodes';
import { isRecord, type Problem } from '../problem';

/**
 * Warnings: things worth a second look that do not stop a save, a review or a publish.
 * They are kept apart from `problems` (which block wherever they are counted), so a
 * warning can never make a valid document unusable.
 *
 * - An `http` write with no declared target in a workflow with destructive intent (at least
 *   one destructive step): the safety lists cannot guard what the request acts on.
 * - An approval whose `rejected` port leads nowhere: a rejection ends the run, and as
 *   nothing failed the run reads "succeeded".
 * - A repeat-until loop whose `max_reached` port leads nowhere: reaching the bound fails the run.
 */
export function documentWarnings(doc: WorkflowDocument): Problem[] {
  return [...untargetedWrites(doc), ...unhandledRejections(doc), ...unhandledBounds(doc)];
}

function unhandledBounds(doc: WorkflowDocument): Problem[] {
  return Object.entries(doc.steps)
    .filter(([, step]) => step.type === 'loop' && (step.transitions?.['max_reached'] ?? []).length === 0)
    .map(([id, step]) => {
      const params: unknown = step.params;
      const max = isRecord(params) ? params['maxRounds'] : undefined;
      return {
        nodeId: id,
        path: 'transitions.max_reached',
        message: `loop ${nameOf(id, step.label)} has nothing connected to "Maximum reached": if its condition still does not hold after ${max} rounds, the run fails. Connect it to what should happen then`,
      };
    });
}

const nameOf = (id: string, label: string | undefined) => (label && label !== id ? `"${label}" (${id})` : id);

function unhandledRejections(doc: WorkflowDocument): Problem[] {
  return Object.entries(doc.steps)
    .filter(([, step]) => step.type === 'approval' && (step.transitions?.['rejected'] ?? []).length === 0)
    .map(([id, step]) => ({
      nodeId: id,
      path: 'transitions.rejected',
      message: `approval ${nameOf(id, step.label)} has nothing connected to "Rejected": a rejection ends the run, which then reads "succeeded". Connect it to what should happen (an end marked failed, a notification)`,
    }));
}

function untargetedWrites(doc: WorkflowDocument): Problem[] {
  const steps = Object.entries(doc.steps);
  const effectOf = (type: string, params: unknown) => {
    const def = nodeDefinition(type);
    const parsed = def?.params.safeParse(params);
    return def && parsed?.success ? { def, params: parsed.data, effect: def.effect(parsed.data) } : undefined;
  };
  const destructive = steps.some(([, s]) => effectOf(s.type, s.params)?.effect === 'destructive');
  if (!destructive) return [];
  const warnings: Problem[] = [];
  for (const [id, step] of steps) {
    if (step.type !== 'http') continue;
    const e = effectOf(step.type, step.params);
    if (!e || e.effect !== 'write' || targetOf(e.def, e.params)) continue;
    warnings.push({
      nodeId: id,
      path: 'params.target',
      message: `http write ${nameOf(id, step.label)} has no declared target in a workflow with destructive steps: declare what it acts on so the protected list can guard it`,
    });
  }
  return warnings;
}
