/**
 * Connector steps re-pinned between two versions: a new connector version, another action
 * or another connector on the same step. An upgrade is never automatic: it is a change a
 * reviewer reads here, with what the pinned action now does (its effect class and target).
 */
import type { ConnectorEffect } from '../connectors/definition';
import type { Step } from '../document';
import { connectorParams } from '../nodes/connector';
import type { Problem } from '../problem';
import type { ConnectorChange, ConnectorTargetRef, WorkflowDiff } from './types';

/** Effect classes in the order a reviewer fears them. */
const EFFECT_RANK: Record<ConnectorEffect, number> = { read: 0, write: 1, destructive: 2 };

const targetText = (t: ConnectorTargetRef | null) => (t ? `${t.kind} (${t.param})` : 'none');

/**
 * Per connector step present on both sides, what its pin became: connector, version,
 * action, and the copies of the action's effect and target. Steps whose pin is the same
 * (only their input, credential or wiring changed) are left out; so are steps that are a
 * connector on one side only (the step list shows their type change). Sorted by step id.
 */
export function diffConnectors(a: Record<string, Step>, b: Record<string, Step>): ConnectorChange[] {
  const out: ConnectorChange[] = [];
  for (const id of Object.keys(b).sort()) {
    const before = a[id]?.type === 'connector' ? connectorParams(a[id]?.params) : undefined;
    const after = b[id]?.type === 'connector' ? connectorParams(b[id]?.params) : undefined;
    if (!before || !after) continue;
    const target = { before: before.target ?? null, after: after.target ?? null };
    const targetChanged = targetText(target.before) !== targetText(target.after);
    const same =
      before.connector === after.connector &&
      before.version === after.version &&
      before.action === after.action &&
      before.effect === after.effect &&
      !targetChanged;
    if (same) continue;
    const effectRaised = EFFECT_RANK[after.effect] > EFFECT_RANK[before.effect];
    out.push({
      stepId: id,
      label: b[id]?.label ?? '',
      connector: { before: before.connector, after: after.connector },
      version: { before: before.version, after: after.version },
      action: { before: before.action, after: after.action },
      effect: { before: before.effect, after: after.effect },
      target,
      effectRaised,
      targetChanged,
      highRisk: effectRaised || targetChanged,
    });
  }
  return out;
}

/**
 * The risk sentence of a re-pinned step whose action now does more (a higher effect
 * class) or acts on something else (target kind or param); undefined for a plain bump.
 *
 * @example
 * // 'Step "block" (Block user) is re-pinned from acme-idp 1.0.0 to acme-idp 1.1.0 (action disable_user): its effect rises from write to destructive.'
 */
export function connectorRiskReason(c: ConnectorChange): string | undefined {
  if (!c.highRisk) return undefined;
  const action =
    c.action.before === c.action.after ? `action ${c.action.after}` : `action ${c.action.before} → ${c.action.after}`;
  const what = [
    ...(c.effectRaised ? [`its effect rises from ${c.effect.before} to ${c.effect.after}`] : []),
    ...(c.targetChanged
      ? [`its target changes from ${targetText(c.target.before)} to ${targetText(c.target.after)}`]
      : []),
  ];
  const step = c.label ? `Step "${c.stepId}" (${c.label})` : `Step "${c.stepId}"`;
  return `${step} is re-pinned from ${c.connector.before} ${c.version.before} to ${c.connector.after} ${c.version.after} (${action}): ${what.join(' and ')}.`;
}

/** The param paths of a connector step that make up its pin (the connector rule speaks for them). */
export function isPinPath(path: string): boolean {
  return path === 'version' || path === 'effect' || path === 'target' || path.startsWith('target.');
}

/**
 * The diff with, on each connector change, the problems of that step's action and input
 * against the catalog (`connectorProblems` of the new version's document): whether the
 * step still fits the version it now pins. This package cannot know the catalog; the
 * server passes the problems it found.
 */
export function withConnectorFit(diff: WorkflowDiff, problems: readonly Problem[]): WorkflowDiff {
  if (diff.connectors.length === 0) return diff;
  const fits = (p: Problem) => p.path === 'params.action' || p.path.startsWith('params.input');
  return {
    ...diff,
    connectors: diff.connectors.map((c) => ({
      ...c,
      inputProblems: problems
        .filter((p) => p.nodeId === c.stepId && fits(p))
        .map((p) => ({ path: p.path, message: p.message })),
    })),
  };
}
