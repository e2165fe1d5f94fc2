/**
 * What an approver needs to decide a task (issue 14 §5): the workflow and version, the
 * write / destructive steps the approval unlocks (reachable from its `approved` port
 * before another approval) with their targets, criticality and owner, the blast radius
 * used so far, the triggering event's first scalar fields, the time left and the
 * escalation chain. The inbox card, the task page and the notification messages use it.
 */
import type { ApprovalContext, UnlockedAction } from '@autonomic/api';
import {
  buildGraph,
  nodeDefinition,
  nodeSummary,
  targetOf,
  type StepTarget,
  type WorkflowDocument,
} from '@autonomic/workflow';
import { createLookup, Expressions, type Criticality, type EffectTarget, type SafetyEntry } from '../../engine';
import { allAssets, type AssetRow } from '../../store/assets';
import type { ApprovalRow } from '../../store/approvals';
import { destructiveUse, findContextRun, stepOutputs } from '../../store/approval-context';
import type { Db } from '../../store/db';
import { parseStoredDocument } from '../../store/runs-ids';
import { listSafetyEntries, type SafetyEntryRow } from '../../store/safety-entries';
import { NotFoundError } from '../../errors';

const HOUR_MS = 3_600_000;
/** Scalar fields of the event shown, at most. */
export const EVENT_FIELDS = 8;
const VALUE_CHARS = 200;

/** Rendering a target is a courtesy: a slow or failing expression leaves it unrendered. */
const expressions = new Expressions({ timeoutMs: 100, maxDepth: 100 }, () => Date.now());

export interface ApprovalContextOptions {
  /** The clock reading time left is measured from. @default Date.now() */
  now?: number;
}

/** Builds the context of `task` from its run, workflow version, step outputs and the safety lists. */
export async function approvalContext(
  db: Db,
  task: ApprovalRow,
  options: ApprovalContextOptions = {},
): Promise<ApprovalContext> {
  const now = options.now ?? Date.now();
  const run = await findContextRun(db, task.runId);
  if (!run) throw new NotFoundError(`run ${task.runId}`);
  const doc = parseStoredDocument(run.version.document);
  const [outputs, use, entries, assets] = await Promise.all([
    stepOutputs(db, run.runId),
    destructiveUse(db, run.runId, run.workflow.id, new Date(now - HOUR_MS)),
    listSafetyEntries(db),
    allAssets(db),
  ]);
  const input = { event: run.input, steps: mapValues(outputs, (output) => ({ output })), vars: {} };
  const match = safetyMatcher(entries, assets);
  const actions: UnlockedAction[] = [];
  for (const stepId of unlockedSteps(doc, task.spec.stepId)) {
    const action = await describeAction(doc, stepId, input, now);
    if (!action) continue;
    const hit = action.target?.value ? match(action.target.kind, action.target.value) : undefined;
    actions.push({
      ...action,
      criticality: hit?.criticality ?? null,
      owner: hit?.owner ?? null,
      source: hit?.source ?? null,
    });
  }
  const { workflow } = run;
  return {
    workflow: { id: workflow.id, name: workflow.name, slug: workflow.slug, version: run.version.number },
    actions,
    blastRadius: {
      killSwitch: workflow.killSwitch,
      perRun: { used: use.run, limit: workflow.maxDestructivePerRun },
      perHour: { used: use.hour, limit: workflow.maxDestructivePerHour },
    },
    event: eventSummary(run.input),
    timeLeftMs: Math.max(0, Math.round(task.spec.deadline - now)),
    nextInMs:
      task.status === 'pending' && task.nextDeadlineAt
        ? Math.max(0, Math.round(task.nextDeadlineAt.getTime() - now))
        : null,
    escalation: task.spec.levels.map((l) => ({
      level: l.level,
      users: l.users,
      roles: l.roles,
      breakGlass: l.breakGlass,
      label: l.label ?? null,
      at: l.at === undefined ? null : new Date(l.at).toISOString(),
      reached: l.level <= task.escalationLevel,
    })),
  };
}

/**
 * Step ids reachable from the approval's `approved` port without passing another approval
 * (that one guards what lies beyond it), in the order a walk of the graph meets them.
 */
export function unlockedSteps(doc: WorkflowDocument, approvalId: string): string[] {
  const graph = buildGraph(doc);
  const seen = new Set<string>();
  const order: string[] = [];
  const queue = (graph.out.get(approvalId) ?? []).filter((e) => e.port === 'approved').map((e) => e.to);
  while (queue.length > 0) {
    const id = queue.shift() as string;
    if (seen.has(id) || id === approvalId) continue;
    seen.add(id);
    const step = doc.steps[id];
    if (!step || step.type === 'approval') continue;
    order.push(id);
    for (const e of graph.out.get(id) ?? []) queue.push(e.to);
  }
  return order;
}

type Described = Omit<UnlockedAction, 'criticality' | 'owner' | 'source'>;

async function describeAction(
  doc: WorkflowDocument,
  stepId: string,
  input: unknown,
  now: number,
): Promise<Described | undefined> {
  const step = doc.steps[stepId];
  const def = step && nodeDefinition(step.type);
  if (!step || !def) return undefined;
  const params: Record<string, unknown> = Object.fromEntries(Object.entries(step.params ?? {}));
  const effect = def.effect(step.params as never);
  if (effect !== 'write' && effect !== 'destructive') return undefined;
  const spec = targetOf(def, step.params);
  return {
    stepId,
    label: step.label,
    action: nodeSummary(step.type, params).join(' · ') || def.label,
    effect,
    target: spec ? await renderTarget(spec, params, input, now) : null,
  };
}

async function renderTarget(
  spec: StepTarget,
  params: Record<string, unknown>,
  input: unknown,
  now: number,
): Promise<NonNullable<Described['target']>> {
  const raw = valueAt(params, spec.param);
  if (typeof raw === 'number') return { kind: spec.kind, value: String(raw) };
  if (typeof raw !== 'string') return { kind: spec.kind, value: null };
  if (!raw.includes('{{')) return { kind: spec.kind, value: raw.trim() || null };
  try {
    const v = await expressions.render(raw, input, { now });
    const text = typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '';
    return { kind: spec.kind, value: text || null, template: raw };
  } catch {
    return { kind: spec.kind, value: null, template: raw };
  }
}

/** The safety lists' kind for a target kind, as the engine checks it (see engine/nodes/action.ts). */
const SAFETY_KIND: Record<string, EffectTarget['kind'] | undefined> = {
  ip: 'ip',
  cidr: 'ip',
  host: 'host',
  domain: 'host',
  user: 'user',
  email: 'user',
};

interface Hit {
  criticality: Criticality;
  owner: string | null;
  source: 'asset' | 'protected' | 'autoOk';
}

/**
 * Criticality and owner of a target, by the safety lookup's rules: the most specific asset
 * of the inventory covering it, else the most critical protected entry, else the auto-OK
 * entry covering it.
 */
function safetyMatcher(
  rows: readonly SafetyEntryRow[],
  assets: readonly AssetRow[],
): (kind: string, value: string) => Hit | undefined {
  const entry = (r: SafetyEntryRow): SafetyEntry => ({
    kind: r.kind,
    value: r.value,
    criticality: r.criticality,
    reason: r.reason,
    ...(r.owner ? { owner: r.owner } : {}),
  });
  const list = {
    protected: rows.filter((r) => r.list === 'protected').map(entry),
    autoOk: rows.filter((r) => r.list !== 'protected').map(entry),
  };
  const inventory = assets.map((a) => ({
    kind: a.kind,
    value: a.value,
    criticality: a.criticality,
    tags: a.tags,
    ...(a.owner ? { owner: a.owner } : {}),
    ...(a.businessService ? { businessService: a.businessService } : {}),
  }));
  const lookup = createLookup(list, inventory);
  return (kind, value) => {
    const k = SAFETY_KIND[kind];
    if (!k) return undefined;
    const found = lookup({ kind: k, value });
    if (found.found && found.criticality) {
      return { criticality: found.criticality, owner: found.owner, source: 'asset' };
    }
    if (found.protectedEntry) {
      const e = found.protectedEntry;
      return { criticality: e.criticality, owner: e.owner, source: 'protected' };
    }
    if (found.autoOkEntry) {
      const e = found.autoOkEntry;
      return { criticality: e.criticality, owner: e.owner, source: 'autoOk' };
    }
    return undefined;
  };
}

/** The first scalar fields of the event, depth first, by dotted path (`alert.src_ip`). */
export function eventSummary(event: unknown, max = EVENT_FIELDS): ApprovalContext['event'] {
  const out: ApprovalContext['event'] = [];
  const walk = (v: unknown, path: string) => {
    if (out.length >= max) return;
    if (v === null || typeof v === 'number' || typeof v === 'boolean') {
      if (path) out.push({ path, value: v });
    } else if (typeof v === 'string') {
      if (path) out.push({ path, value: v.length > VALUE_CHARS ? `${v.slice(0, VALUE_CHARS)}…` : v });
    } else if (Array.isArray(v)) {
      v.forEach((x, i) => walk(x, `${path}[${i}]`));
    } else if (typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) walk(x, path ? `${path}.${k}` : k);
    }
  };
  walk(event, '');
  return out;
}

function valueAt(params: Record<string, unknown>, path: string): unknown {
  let cur: unknown = params;
  for (const key of path.split('.')) {
    if (typeof cur !== 'object' || cur === null || Array.isArray(cur)) return undefined;
    const obj: Record<string, unknown> = { ...cur };
    cur = Object.hasOwn(obj, key) ? obj[key] : undefined;
  }
  return cur;
}

function mapValues<V, W>(o: Record<string, V>, f: (v: V) => W): Record<string, W> {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, f(v)]));
}
