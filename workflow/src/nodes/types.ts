import type { z } from 'zod';
import type { ConnectorTargetKind } from '../connectors/definition';

export type EffectClass = 'none' | 'read' | 'write' | 'destructive';
export type NodeCategory = 'trigger' | 'logic' | 'human' | 'action';
export type StepCategory = Exclude<NodeCategory, 'trigger'>;
/** What the safety lists know how to protect. */
export type TargetKind = 'ip' | 'host' | 'user';

/**
 * What an action acts on: which param names it, and of what kind. The kinds are a
 * connector's (ip, cidr, host, user, domain, hash, url, email); the engine maps them
 * onto the safety lists' `TargetKind`.
 */
export interface StepTarget {
  kind: ConnectorTargetKind;
  /** The dotted path of the param holding the target in the step's params (`ip`, a connector's `input.ipAddress`). */
  param: string;
}

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
 * One node type of the catalogue, everything about it that is not engine code: its
 * config schema (with the form hints in `.meta`), ports, effect class, and how the
 * canvas draws it (glyph and body summary). The client draws, the validator checks and
 * the engine runs node types from this one definition; each lives in
 * `workflow/src/nodes/<type>/`.
 */
export interface NodeDefinition<
  P extends z.ZodType = z.ZodType,
  T extends string = string,
  C extends NodeCategory = NodeCategory,
> {
  type: T;
  category: C;
  label: string;
  description: string;
  /** The glyph: SVG path data on a 24×24 grid, drawn stroked (decorative: the label names the node). */
  icon: readonly string[];
  params: P;
  /** Params of a freshly dropped node (may be incomplete: the form fills it in). */
  defaults: Record<string, unknown>;
  /** Output ports for these params; `error` is added to every non-trigger, non-end step. */
  ports(params: z.infer<P>): PortSpec[];
  effect(params: z.infer<P>): EffectClass;
  /**
   * The key params as a few short lines for the node body (the method and URL, the
   * predicate …). Gets the params as they are being written, not parsed: read them with
   * the helpers of `nodes/text.ts`; `nodeSummary` catches a throw.
   */
  summary(params: Record<string, unknown>): string[];
  /**
   * For actions on one target (containment, a connector action with a target): the
   * target for these params. A function because a connector step's target is its
   * pinned action's, copied into its params.
   */
  target?(params: z.infer<P>): StepTarget | undefined;
  /** What the action returns; simulation answers with it when no fixture is given. */
  exampleOutput?: unknown;
}

/** Identity helper that keeps a definition's param type, type name and category. */
export function defineNode<P extends z.ZodType, const T extends string, const C extends NodeCategory>(
  def: NodeDefinition<P, T, C>,
): NodeDefinition<P, T, C> {
  return def;
}
