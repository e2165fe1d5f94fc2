import type { ConnectorEffect, ConnectorTargetKind } from '../connectors/definition';
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

/** What an action declares it acts on, as written (a template until the run renders it). */
export interface StepTargetRef {
  kind: ConnectorTargetKind;
  value: string;
}

/** Enough about a step to name it in a review without opening the document. */
export interface StepSummary {
  id: string;
  type: string;
  label: string;
  effect: EffectClass;
  /** The declared target of an action that names one (a connector action's, an http write's). */
  target?: StepTargetRef;
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

/** Test cases by name: a reviewer sees which cases came, went or changed (event, fixtures or assertions). */
export interface TestsChange {
  changed: boolean;
  before: number;
  after: number;
  added: string[];
  removed: string[];
  modified: string[];
}

/** The target copy of a connector step: which input names what the action acts on, and its kind. */
export interface ConnectorTargetRef {
  param: string;
  kind: ConnectorTargetKind;
}

/**
 * A connector step whose pin changed: another version (an upgrade or a downgrade), another
 * action or another connector. Every field is a before/after pair, equal when unchanged.
 */
export interface ConnectorChange {
  stepId: string;
  /** The step's label in the new version. */
  label: string;
  connector: Change<string>;
  version: Change<string>;
  action: Change<string>;
  effect: Change<ConnectorEffect>;
  /** `null`: the action names no target. */
  target: Change<ConnectorTargetRef | null>;
  /** The effect class went up: read → write, write → destructive, read → destructive. */
  effectRaised: boolean;
  /** The target's kind or param differs (or one side has none). */
  targetChanged: boolean;
  /** `effectRaised || targetChanged`: the change is one of the diff's risk reasons; else a plain bump. */
  highRisk: boolean;
  /**
   * Problems of the step's action and input against the version it now pins (an action
   * gone, a required input missing, an input the new params schema does not take). Only
   * when the catalog was consulted (the server's diff); absent from the pure diff.
   */
  inputProblems?: Array<{ path: string; message: string }>;
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
  /** Connector steps re-pinned (version, action or connector), by step id; also listed in `steps.changed`. */
  connectors: ConnectorChange[];
  vars: ValueChange[];
  tests: TestsChange;
  /**
   * The exception handler's step (`onFailure.continueAt`; `null`: none) when it changed;
   * absent when it did not.
   */
  onFailure?: Change<string | null>;
}
