import { z } from 'zod';
import { Template } from '../expression-fields';
import { HttpAuth } from './http-auth';
import { defineNode, type NodeDefinition, type TargetKind } from './types';

/** The HTTP endpoint a containment action calls, until real connectors exist. */
export const ActionEndpoint = z
  .object({
    url: z.string().min(1).max(2_000).meta({ widget: 'template' }),
    method: z.enum(['POST', 'PUT', 'PATCH', 'DELETE']).default('POST'),
    auth: HttpAuth.optional(),
  })
  .strict();

/** What sets one containment action apart from the others. */
export interface ContainmentSpec<T extends string> {
  type: T;
  label: string;
  /** What it does; the sentence about protected assets is added. */
  description: string;
  icon: readonly string[];
  /** What it acts on, named by the template param `param`. */
  kind: TargetKind;
  param: string;
  /** Params beyond the target, `reason` and `endpoint`. */
  extra: z.ZodRawShape;
  summary(params: Record<string, unknown>): string[];
}

/**
 * A destructive action on one target (an IP, a host, a user): the engine checks the
 * target with the safety port and counts it against the run's blast radius.
 */
export function containment<const T extends string>(spec: ContainmentSpec<T>): NodeDefinition<z.ZodType, T, 'action'> {
  const { kind, param } = spec;
  return defineNode({
    type: spec.type,
    category: 'action',
    label: spec.label,
    description: `${spec.description} Destructive: refused on a protected asset, whatever the playbook says.`,
    icon: spec.icon,
    params: z
      .object({
        [param]: Template.min(1, `a ${kind} is required`),
        reason: Template.min(1, 'a reason is required'),
        endpoint: ActionEndpoint,
        ...spec.extra,
      })
      .strict(),
    defaults: { [param]: '', reason: '', endpoint: { url: '', method: 'POST' } },
    ports: () => [{ id: 'out', label: 'Next', required: false }],
    effect: () => 'destructive',
    summary: spec.summary,
    target: () => ({ kind, param }),
    exampleOutput: { accepted: true, [param]: `example-${kind}` },
  });
}
