import { nodeDefinition } from '@autonomic/workflow';
import { fixtureAnswers, type FixtureAnswerer, type Fixtures } from './fixtures';
import type { EffectRequest, EffectsPort } from './ports';
import type { EffectReportEntry, StepSource } from '@autonomic/api';
import { pinOf, simulateConnector, type SimulatedConnectors, type SimulationNote } from './simulated-connectors';
import type { AttemptRecord } from './state';

export type { SimulatedConnectors, SimulationNote };

/** What the simulated effects port may use beyond fixtures. */
export interface SimulatedEffectsOptions {
  /** Sends `none`/`read` steps without a fixture for real (connector reads only with a `test` credential). */
  liveReads?: EffectsPort;
  /** The installed connectors and the credentials' modes, for connector steps. */
  connectors?: SimulatedConnectors;
  /** Hears what the simulation did differently from a live run. */
  note?: (note: SimulationNote) => void;
  /** Hears where each performed step's answer came from. */
  source?: (req: EffectRequest, source: StepSource) => void;
}

/**
 * The effects port of a simulation: `none`/`read` steps answer from a fixture (an
 * output, an injected failure, a sequence), else from live reads when given, else the
 * action's example output; `write`/`destructive` steps are never sent and answer from a
 * fixture or the example output. Connector steps answer with their pinned action's
 * example (see `simulateConnector`).
 */
export function simulatedEffects(
  fixtures: Fixtures | FixtureAnswerer,
  opts: SimulatedEffectsOptions = {},
): EffectsPort {
  const { liveReads, connectors, note = () => {}, source: heard = () => {} } = opts;
  const answer = typeof fixtures === 'function' ? fixtures : fixtureAnswers(fixtures);
  return {
    async perform(req) {
      const source = (s: StepSource) => heard(req, s);
      const fixed = answer(req);
      if (fixed) {
        source('fixture');
        return fixed;
      }
      if (req.nodeType === 'connector') return simulateConnector(req, connectors, liveReads, note, source);
      if (liveReads && (req.effect === 'none' || req.effect === 'read')) {
        source('live_read');
        return liveReads.perform(req);
      }
      // A built-in node's example output (an http step's empty 200) is the node type's, not
      // this step's: the answer is made up, and the report says so.
      const output = nodeDefinition(req.nodeType)?.exampleOutput ?? null;
      source('default');
      note({ stepKey: req.stepKey, message: `no fixture and no example: ${madeUp(output)}` });
      return { ok: true, output };
    },
  };
}

/** "answered with an empty 200" for the http node's stand-in, else the value in words. */
function madeUp(output: unknown): string {
  if (output === null) return 'answered null';
  const o: Record<string, unknown> = typeof output === 'object' ? { ...output } : {};
  const body = o.body;
  const empty = typeof body === 'object' && body !== null && Object.keys(body).length === 0;
  if (o.status === 200 && empty) return 'answered with an empty 200';
  return `answered ${JSON.stringify(output)}`;
}

/** The effects report's entry is the API's (`EffectReportEntry` of the contract). */
export type { EffectReportEntry };

/**
 * One entry per step key that reached its effect (its last attempt), in the order they ran,
 * and one per approval that policy skipped ("auto-ok: approval skipped").
 */
export function effectsReport(trace: readonly AttemptRecord[], connectors?: ConnectorNames): EffectReportEntry[] {
  const last = new Map<string, AttemptRecord>();
  for (const a of trace) {
    if (a.effect !== 'write' && a.effect !== 'destructive' && !skippedByPolicy(a)) continue;
    const key = `${a.runId} ${a.stepKey}`;
    const seen = last.get(key);
    if (!seen || seen.attempt < a.attempt) last.set(key, a);
  }
  return [...last.values()].map((a) => {
    if (skippedByPolicy(a)) return policyEntry(a);
    const entry: EffectReportEntry = {
      runId: a.runId,
      stepId: a.stepId,
      stepKey: a.stepKey,
      nodeType: a.nodeType,
      effect: a.effect === 'destructive' ? 'destructive' : 'write',
      action: describeAction(a.nodeType, a.input, connectors),
      params: a.input,
      decision:
        a.safety?.decision === 'refuse' ? 'refused' : a.safety?.decision === 'auto-ok' ? 'auto-ok' : 'would-run',
    };
    if (a.target) entry.target = a.target;
    if (a.safety?.reason !== undefined) entry.reason = a.safety.reason;
    if (a.safety?.criticality !== undefined) entry.criticality = a.safety.criticality;
    if (a.source !== undefined) entry.source = a.source;
    return entry;
  });
}

/** An approval step that policy decided (every target it guards auto-OK): it opened no task. */
function skippedByPolicy(a: AttemptRecord): boolean {
  return a.nodeType === 'approval' && (a.events ?? []).some((e) => e.type === 'decided' && e.by === 'policy');
}

/**
 * "auto-ok: approval skipped": the approval policy decided, with the first guarded target
 * and, as the reason, every guarded action's target and its auto-OK entry. Its effect is
 * the strongest of the actions it unlocked.
 */
function policyEntry(a: AttemptRecord): EffectReportEntry {
  const out: Record<string, unknown> = typeof a.output === 'object' && a.output !== null ? { ...a.output } : {};
  const guards = Array.isArray(out.guards) ? out.guards : [];
  const destructive = guards.some(
    (g: unknown) => typeof g === 'object' && g !== null && 'effect' in g && g.effect === 'destructive',
  );
  const entry: EffectReportEntry = {
    runId: a.runId,
    stepId: a.stepId,
    stepKey: a.stepKey,
    nodeType: a.nodeType,
    effect: destructive ? 'destructive' : 'write',
    action: 'auto-ok: approval skipped',
    params: a.input,
    decision: 'auto-ok',
  };
  if (a.target) entry.target = a.target;
  if (a.safety?.reason !== undefined) entry.reason = a.safety.reason;
  return entry;
}

/** Where a connector step's description finds the connector's name and the action's title. */
export type ConnectorNames = Pick<SimulatedConnectors, 'definition'>;

/** Human text for an action and its rendered params. */
export function describeAction(nodeType: string, params: unknown, connectors?: ConnectorNames): string {
  const p: Record<string, unknown> = typeof params === 'object' && params !== null ? { ...params } : {};
  const s = (k: string) => (typeof p[k] === 'string' || typeof p[k] === 'number' ? String(p[k]) : '?');
  switch (nodeType) {
    case 'connector':
      return describeConnector(p, connectors);
    case 'http':
      return `${s('method')} ${s('url')}`;
    default:
      return nodeType;
  }
}

/** "AbuseIPDB: Check IP reputation 203.0.113.7": the connector's name, the action's title and the target. */
function describeConnector(p: Record<string, unknown>, connectors: ConnectorNames | undefined): string {
  const { connector: id, version, action: actionId } = pinOf(p);
  const def = connectors?.definition(id, version);
  const action = def?.actions[actionId];
  const input: Record<string, unknown> = typeof p.input === 'object' && p.input !== null ? { ...p.input } : {};
  const param = action?.target?.param;
  const value = param === undefined ? undefined : input[param];
  const target = typeof value === 'string' || typeof value === 'number' ? ` ${value}` : '';
  return `${def?.name ?? id}: ${action?.title ?? actionId}${target}`;
}
