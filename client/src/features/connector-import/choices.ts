import type { OpenApiChoice, OpenApiOperation } from '@autonomic/api';
import type { ConnectorEffect, ConnectorTargetKind } from '@autonomic/workflow';

/** What the admin decided about one operation of the preview. */
export interface Choice {
  chosen: boolean;
  actionId: string;
  effect: ConnectorEffect;
  /** A required param's name, or '' for no target. */
  targetParam: string;
  targetKind: ConnectorTargetKind;
}

/** The starting choice: not ticked, the suggested id and effect (GET/HEAD read, others write), no target. */
export const initialChoice = (op: OpenApiOperation): Choice => ({
  chosen: false,
  actionId: op.actionId,
  effect: op.effect,
  targetParam: '',
  targetKind: 'host',
});

/** The params a target may name: the operation's required ones. */
export const targetParams = (op: OpenApiOperation): string[] => op.params.filter((p) => p.required).map((p) => p.name);

/** The ticked operations as the import request lists them, in the preview's order. */
export function chosenOperations(
  operations: readonly OpenApiOperation[],
  choices: Record<string, Choice>,
): OpenApiChoice[] {
  return operations.flatMap((op) => {
    const c = choices[op.key];
    if (!c?.chosen) return [];
    return [
      {
        key: op.key,
        actionId: c.actionId,
        effect: c.effect,
        ...(c.targetParam ? { target: { param: c.targetParam, kind: c.targetKind } } : {}),
      },
    ];
  });
}
