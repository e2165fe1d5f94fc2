import type { Step, WorkflowDocument } from '../document';
import { buildGraph, type WorkflowGraph } from '../graph';
import { nodeDefinition, targetOf } from '../nodes';
import { removedApprovalReason, weakenedApprovalReasons } from './approval-risk';
import { connectorRiskReason, isPinPath } from './connectors';
import { effectOf } from './steps';
import type { ConnectorChange, StepChange, WorkflowDiff } from './types';

const LOWER_THAN_WRITE = new Set(['none', 'read']);

/**
 * Why a reviewer must look twice at this change, one sentence per finding, in step id
 * order. Empty means the change is of normal risk.
 */
export function riskReasons(
  a: WorkflowDocument,
  b: WorkflowDocument,
  steps: WorkflowDiff['steps'],
  connectors: readonly ConnectorChange[] = [],
): string[] {
  const found: Array<{ id: string; text: string }> = [];
  const add = (id: string, text: string | undefined) => {
    if (text) found.push({ id, text });
  };
  for (const s of steps.added) {
    if (s.effect === 'destructive') add(s.id, `Adds destructive step "${s.id}" (${s.label}).`);
  }
  const repinned = new Map(connectors.map((c) => [c.stepId, c]));
  for (const c of steps.changed) {
    const pin = repinned.get(c.id);
    for (const text of changedStepReasons(c, a.steps[c.id], b.steps[c.id], pin)) add(c.id, text);
    if (pin) add(c.id, connectorRiskReason(pin));
  }
  const graphs = { a: buildGraph(a), b: buildGraph(b) };
  for (const [id, step] of Object.entries(b.steps)) {
    if (a.steps[id] && effectOf(step) === 'destructive') add(id, incomingReason(id, graphs.a, graphs.b));
  }
  for (const id of Object.keys(a.steps)) {
    add(id, removedApprovalReason(id, a.steps[id], b.steps[id]));
    for (const text of weakenedApprovalReasons(id, a.steps[id], b.steps[id])) add(id, text);
  }
  // A stable sort keeps each step's findings in the order the rules above produced them.
  return found.sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0)).map((f) => f.text);
}

/**
 * `pin`: the step's connector re-pin, when it has one. Its own sentence (`connectorRiskReason`)
 * names a raised effect or a changed target with the connector and versions, so the pin's
 * paths are not listed again as changed params of a destructive step; a plain version bump
 * with the same effect and target is no reason (the version was reviewed when installed).
 */
function changedStepReasons(
  c: StepChange,
  a: Step | undefined,
  b: Step | undefined,
  pin: ConnectorChange | undefined,
): string[] {
  const reasons: string[] = [];
  const name = `destructive step "${c.id}" (${c.after.label})`;
  const wasDestructive = c.before.effect === 'destructive';
  const isDestructive = c.after.effect === 'destructive';
  if (wasDestructive !== isDestructive) {
    const what = isDestructive ? 'becomes destructive' : 'is no longer destructive';
    // A connector step keeps its type: its effect follows the pinned action.
    const why =
      c.before.type === c.after.type
        ? `its effect changes from ${c.before.effect} to ${c.after.effect}`
        : `its type changes from ${c.before.type} to ${c.after.type}`;
    reasons.push(`Step "${c.id}" ${what}: ${why}.`);
  } else if (isDestructive) {
    const def = nodeDefinition(c.after.type);
    const target = def && b ? targetOf(def, b.params)?.param : undefined;
    const isTarget = (path: string) => path === target || path.startsWith(`${target}.`);
    const targetChanges = c.params.filter((p) => isTarget(p.path));
    const otherParams = c.params
      .filter((p) => !isTarget(p.path) && !(pin && isPinPath(p.path)))
      .map((p) => p.path || 'params');
    if (targetChanges.length > 0) reasons.push(`Changes the target (${target}) of ${name}.`);
    if (otherParams.length > 0) reasons.push(`Changes params of ${name}: ${otherParams.join(', ')}.`);
    if (c.transitions.length > 0) reasons.push(`Rewires what follows ${name}.`);
    // A retry repeats the destructive call itself.
    if (c.retry.length > 0) reasons.push(`Changes the retry policy of ${name}.`);
  }
  if (LOWER_THAN_WRITE.has(c.before.effect) && c.after.effect === 'write') {
    reasons.push(`Step "${c.id}" (${c.after.label}) now writes to the outside world${methodNote(a, b)}.`);
  }
  return reasons;
}

function methodNote(a: Step | undefined, b: Step | undefined): string {
  const method = (s: Step | undefined) => (s?.type === 'http' ? methodOf(s.params) : undefined);
  const before = method(a);
  const after = method(b);
  return before && after ? `: HTTP ${before} becomes ${after}` : '';
}

function methodOf(params: unknown): string | undefined {
  if (typeof params !== 'object' || params === null || !('method' in params)) return undefined;
  return typeof params.method === 'string' ? params.method : undefined;
}

/**
 * A destructive step reached from somewhere new (or no longer from its approval) may
 * now run without the guard it had: the step itself is unchanged, its wiring is not.
 */
function incomingReason(id: string, a: WorkflowGraph, b: WorkflowGraph): string | undefined {
  const sources = (g: WorkflowGraph) => new Set((g.in.get(id) ?? []).map((e) => `"${e.from}".${e.port}`));
  const was = sources(a);
  const now = sources(b);
  const gained = [...now].filter((s) => !was.has(s)).sort();
  const lost = [...was].filter((s) => !now.has(s)).sort();
  if (gained.length === 0 && lost.length === 0) return undefined;
  const parts = [
    ...(gained.length > 0 ? [`now reached from ${gained.join(', ')}`] : []),
    ...(lost.length > 0 ? [`no longer from ${lost.join(', ')}`] : []),
  ];
  return `Changes what leads to destructive step "${id}": ${parts.join('; ')}.`;
}
