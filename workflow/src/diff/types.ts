import type { EffectClass } from '../nodes';

/** A before/after pair of one scalar field. */
export interface Change<T> {
  before: T;
  after: T;
}

/**
 * One changed value. `path` is dotted from the compared root (`endpoint.url`,
 * `escalation.0.after`; a key holding a dot is written `["a.b"]`); `''` is the root
 * itself. `undefined` on one side means the value is absent there.
 */
export interface ValueChange {
  path: string;
  before: unknown;
  after: unknown;
}

/** The targets one output port gained and lost; target order is not significant. */
export interface PortChange {
  port: string;
  added: string[];
  removed: string[];
}

/** Enough about a step to name it in a review without opening the document. */
export interface StepSummary {
  id: string;
  type: string;
  label: string;
  effect: EffectClass;
}

/** A step present on both sides whose logic differs. */
export interface StepChange {
  id: string;
  /** The step as it was and as it is: labels and effect classes for display, even when unchanged. */
  before: StepSummary;
  after: StepSummary;
  type?: Change<string>;
  label?: Change<string>;
  params: ValueChange[];
  /** Paths inside the retry policy; a policy added or removed is one change at `''`. */
  retry: ValueChange[];
  timeout?: Change<string | undefined>;
  transitions: PortChange[];
}

export interface TriggerChange {
  id?: Change<string>;
  type?: Change<string>;
  label?: Change<string>;
  params: ValueChange[];
  inputSchema: ValueChange[];
  transitions: PortChange[];
}

export interface SamplesChange {
  changed: boolean;
  before: number;
  after: number;
}

export type DiffRisk = 'high' | 'normal';

/**
 * What changed in a workflow's logic between two versions. The `ui` block (positions,
 * notes) is never looked at, so a layout-only edit is `isEmpty`. Every list is in a
 * stable order: steps by id, values by path, ports by id, targets by id.
 */
export interface WorkflowDiff {
  isEmpty: boolean;
  /** `'high'` when a reviewer must look twice; `riskReasons` says why, one line per finding. */
  risk: DiffRisk;
  riskReasons: string[];
  metadata: ValueChange[];
  /** `null` when the trigger is unchanged. */
  trigger: TriggerChange | null;
  steps: { added: StepSummary[]; removed: StepSummary[]; changed: StepChange[] };
  vars: ValueChange[];
  samples: SamplesChange;
}
