import type { WorkflowDocument } from '../document';
import { nodeDefinition, targetOf } from '../nodes';
import type { Problem } from '../problem';

/**
 * Warnings: things worth a second look that do not stop a save, a review or a publish.
 * They are kept apart from `problems` (which block wherever they are counted), so a
 * warning can never make a valid document unusable.
 *
 * An `http` write with no declared target in a workflow with destructive intent (at least
 * one destructive step): the safety lists cannot guard what the request acts on.
 */
export function documentWarnings(doc: WorkflowDocument): Problem[] {
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
    const name = step.label && step.label !== id ? `"${step.label}" (${id})` : id;
    warnings.push({
      nodeId: id,
      path: 'params.target',
      message: `http write ${name} has no declared target in a workflow with destructive steps: declare what it acts on so the protected list can guard it`,
    });
  }
  return warnings;
}
