/** Tests only: replays, shadows and their items as the server sends them (each parsed with the contract). */
import { ReplayItemView, ReplayView, RunDetail, type BehaviourEffect, type ReplaySummary } from '@autonomic/api';

export const WF = '0190a000-0000-7000-8000-0000000000f1';
/** A UUIDv7-looking id, told apart by `n`. */
export const uid = (n: number) => `0190a000-0000-7000-8000-${String(n).padStart(12, '0')}`;

export const effect = (stepId: string, action: string, over: Partial<BehaviourEffect> = {}): BehaviourEffect => ({
  stepId,
  action,
  effect: 'destructive',
  decision: 'would-run',
  ...over,
});

/** An event both versions handled alike: enrich → check → block, succeeded. */
export const sameItem = (n: number, eventAt = '2026-12-06T08:00:00.000Z'): ReplayItemView =>
  ReplayItemView.parse({
    id: uid(1000 + n),
    liveRunId: uid(2000 + n),
    simulationRunId: uid(3000 + n),
    eventAt,
    outcome: 'same',
    live: { status: 'succeeded', path: ['enrich', 'check', 'block'] },
    candidate: { status: 'succeeded', path: ['enrich', 'check', 'block'] },
    pathChanged: false,
    statusChanged: false,
    effects: { added: [], removed: [], changed: [] },
  });

/**
 * An event the candidate handles otherwise: the live run blocked 203.0.113.7 for 1h; the
 * candidate notifies instead of blocking, disables a user, and fails.
 */
export const differentItem = (n: number, eventAt = '2026-12-06T09:00:00.000Z'): ReplayItemView =>
  ReplayItemView.parse({
    id: uid(1000 + n),
    liveRunId: uid(2000 + n),
    simulationRunId: uid(3000 + n),
    eventAt,
    outcome: 'different',
    live: { status: 'succeeded', path: ['enrich', 'check', 'block'] },
    candidate: { status: 'failed', path: ['enrich', 'check', 'notify'] },
    pathChanged: true,
    statusChanged: true,
    effects: {
      added: [effect('disable', 'disable user mallory', { target: { kind: 'user', value: 'mallory' } })],
      removed: [effect('block', 'block IP 203.0.113.7 for 1h')],
      changed: [
        {
          before: effect('notify', 'post to #soc', { effect: 'write', decision: 'ran' }),
          after: effect('notify', 'post to #soc-urgent', { effect: 'write' }),
        },
      ],
    },
  });

const ZERO: ReplaySummary = {
  events: 0,
  same: 0,
  different: 0,
  pathChanged: 0,
  statusChanged: 0,
  effectsAdded: 0,
  effectsRemoved: 0,
  effectsChanged: 0,
  errors: 0,
};

/** The counts a server would give for these items. */
export function summaryOf(items: readonly ReplayItemView[]): ReplaySummary {
  return items.reduce<ReplaySummary>(
    (s, i) => ({
      events: s.events + 1,
      same: s.same + (i.outcome === 'same' ? 1 : 0),
      different: s.different + (i.outcome === 'different' ? 1 : 0),
      pathChanged: s.pathChanged + (i.pathChanged ? 1 : 0),
      statusChanged: s.statusChanged + (i.statusChanged ? 1 : 0),
      effectsAdded: s.effectsAdded + i.effects.added.length,
      effectsRemoved: s.effectsRemoved + i.effects.removed.length,
      effectsChanged: s.effectsChanged + i.effects.changed.length,
      errors: s.errors + (i.outcome === 'error' ? 1 : 0),
    }),
    ZERO,
  );
}

/** A replay of v2 against published v1; `items` undefined is the list's shape. */
export function replayOf(over: Partial<ReplayView> & { items?: ReplayItemView[] }): ReplayView {
  return ReplayView.parse({
    id: uid(100),
    workflowId: WF,
    kind: 'replay',
    status: 'done',
    version: 2,
    baseVersion: 1,
    requested: 50,
    until: null,
    requestedBy: { id: uid(7), username: 'bob' },
    createdAt: '2026-12-06T10:00:00.000Z',
    finishedAt: '2026-12-06T10:00:05.000Z',
    message: null,
    summary: summaryOf(over.items ?? []),
    ...over,
  });
}

/** The list's row of a replay: no items. */
export const rowOf = ({ items: _items, ...row }: ReplayView): ReplayView => row;

/** A stored simulation run that went enrich → check → notify. */
export function simulationRun(id: string): RunDetail {
  const step = (stepId: string, nodeType: string, port: string, n: number) => ({
    id: uid(5000 + n),
    stepKey: stepId,
    stepId,
    nodeType,
    attempt: 1,
    status: 'succeeded',
    effect: 'none',
    input: {},
    output: {},
    error: null,
    port,
    details: {},
    startedAt: `2026-12-06T10:00:0${n}.000Z`,
    finishedAt: `2026-12-06T10:00:0${n}.500Z`,
  });
  return RunDetail.parse({
    id,
    workflow: { id: WF, slug: 'containment', name: 'Containment' },
    version: { id: uid(9), number: 2 },
    mode: 'simulation',
    status: 'succeeded',
    trigger: 'replay',
    error: null,
    parentRunId: null,
    createdById: null,
    eventTimestamp: null,
    createdAt: '2026-12-06T10:00:00.000Z',
    startedAt: '2026-12-06T10:00:00.000Z',
    finishedAt: '2026-12-06T10:00:04.000Z',
    event: {},
    output: {},
    message: null,
    wakeAt: null,
    dedupeKey: null,
    steps: [step('enrich', 'http', 'out', 1), step('check', 'condition', 'false', 2), step('done', 'end', 'out', 3)],
    approvals: [],
    children: [],
  });
}
