import type { z } from 'zod';

export type EffectClass = 'none' | 'read' | 'write' | 'destructive';
export type NodeCategory = 'trigger' | 'logic' | 'human' | 'action';
export type TargetKind = 'ip' | 'host' | 'user';

/** An output port of a node: one handle on the canvas, one key in `transitions`. */
export interface PortSpec {
  id: string;
  label: string;
  /** The validator reports a required port left unconnected. */
  required: boolean;
  /** Only a parallel fan-out port may point at several steps. */
  multiple?: boolean;
}

/**
 * One node type of the catalogue: its config schema, ports and effect class. The
 * client draws and the engine runs node types from this one definition.
 */
export interface NodeDefinition<P extends z.ZodType = z.ZodType> {
  type: string;
  category: NodeCategory;
  label: string;
  description: string;
  /** An icon name the client maps to a glyph. */
  icon: string;
  params: P;
  /** Params of a freshly dropped node (may be incomplete: the form fills it in). */
  defaults: Record<string, unknown>;
  /** Output ports for these params; `error` is added to every non-trigger, non-end step. */
  ports(params: z.infer<P>): PortSpec[];
  effect(params: z.infer<P>): EffectClass;
  /** For containment actions: which param names the target, and of what kind. */
  target?: { kind: TargetKind; param: string };
  /** What the action returns; simulation answers with it when no fixture is given. */
  exampleOutput?: unknown;
}

/** Identity helper that keeps a definition's param type. */
export function defineNode<P extends z.ZodType>(def: NodeDefinition<P>): NodeDefinition<P> {
  return def;
}
