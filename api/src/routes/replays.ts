/**
 * Replay (backtest) and shadow runs (issue 15 §1, §3): a version is simulated on the real
 * events of the workflow's published version — the last N stored ones (replay), or each
 * one as it arrives for a chosen period (shadow) — with the live run's own step answers as
 * its fixtures, and its behaviour compared with what the live run did: the path, the
 * effects (added, removed, changed) and the status. Nothing is ever sent: every candidate
 * run is a simulation. Events are kept for replay for a retention period, without secrets.
 */
import { z } from 'zod';
import { defineRoute } from '../contract';
import { Instant, NullableInstant } from '../fields';
import { Target } from '../model/runs';
import { RunStatus, VersionNumber, WorkflowParams, WorkflowVersionParams } from './common';

const Person = z.object({ id: z.uuid(), username: z.string() });

export const ReplayKind = z.enum(['replay', 'shadow']);
export type ReplayKind = z.infer<typeof ReplayKind>;

/**
 * `queued` → `running` → `done` (or `error`) for a replay; `active` while a shadow collects
 * live events, `ended` when its period is over or it was stopped.
 */
export const ReplayStatus = z.enum(['queued', 'running', 'done', 'error', 'active', 'ended']);
export type ReplayStatus = z.infer<typeof ReplayStatus>;

/** One write or destructive effect, as compared: the step, what it does in words, its target, the safety decision. */
export const BehaviourEffect = z.object({
  stepId: z.string(),
  /** "block IP 203.0.113.7 for 24h" */
  action: z.string(),
  target: Target.optional(),
  effect: z.enum(['write', 'destructive']),
  decision: z.enum(['ran', 'would-run', 'refused', 'auto-ok']),
});
export type BehaviourEffect = z.infer<typeof BehaviourEffect>;

const RunBehaviour = z.object({
  status: RunStatus,
  /** Step ids in the order they completed. */
  path: z.array(z.string()),
});

/** The live run of one real event against the candidate's simulation of the same event. */
export const ReplayItemView = z.object({
  id: z.uuid(),
  liveRunId: z.uuid(),
  /** The stored simulation run (its trace opens on the canvas); null when it could not run. */
  simulationRunId: z.uuid().nullable(),
  /** When the real event arrived. */
  eventAt: Instant,
  /** `same`: path, effects and status all equal; `error`: the candidate could not be simulated (see `message`). */
  outcome: z.enum(['same', 'different', 'error']),
  live: RunBehaviour,
  candidate: RunBehaviour.nullable(),
  pathChanged: z.boolean(),
  statusChanged: z.boolean(),
  effects: z.object({
    added: z.array(BehaviourEffect),
    removed: z.array(BehaviourEffect),
    changed: z.array(z.object({ before: BehaviourEffect, after: BehaviourEffect })),
  }),
  message: z.string().optional(),
});
export type ReplayItemView = z.infer<typeof ReplayItemView>;

export const ReplaySummary = z.object({
  events: z.number().int(),
  same: z.number().int(),
  different: z.number().int(),
  pathChanged: z.number().int(),
  statusChanged: z.number().int(),
  effectsAdded: z.number().int(),
  effectsRemoved: z.number().int(),
  effectsChanged: z.number().int(),
  errors: z.number().int(),
});
export type ReplaySummary = z.infer<typeof ReplaySummary>;

export const ReplayView = z.object({
  id: z.uuid(),
  workflowId: z.uuid(),
  kind: ReplayKind,
  status: ReplayStatus,
  /** The candidate version. */
  version: VersionNumber,
  /** The published version whose live runs it is compared with (null: none was published). */
  baseVersion: VersionNumber.nullable(),
  /** Replay: how many of the latest stored events were asked for. */
  requested: z.number().int().nullable(),
  /** Shadow: until when live events are mirrored. */
  until: NullableInstant,
  requestedBy: Person.nullable(),
  createdAt: Instant,
  finishedAt: NullableInstant,
  message: z.string().nullable(),
  summary: ReplaySummary,
  /** Newest event first; the list view leaves them out. */
  items: z.array(ReplayItemView).optional(),
});
export type ReplayView = z.infer<typeof ReplayView>;

export const StartReplayBody = z
  .object({ count: z.number().int().min(1, 'at least 1 event').max(500, 'at most 500 events').default(50) })
  .strict();
export type StartReplayBody = z.input<typeof StartReplayBody>;

export const StartShadowBody = z
  .object({ hours: z.number().int().min(1, 'at least 1 hour').max(720, 'at most 30 days (720 hours)') })
  .strict();
export type StartShadowBody = z.infer<typeof StartShadowBody>;

export const ReplayParams = z.object({ id: WorkflowParams.shape.id, replayId: z.uuid() });

const WRITERS = ['analyst', 'reviewer', 'admin'] as const;

export const replaysApi = {
  start: defineRoute({
    method: 'post',
    path: '/workflows/:id/versions/:number/replays',
    summary: 'Replay the last N stored real events on this version, in simulation (queued; poll the replay)',
    tag: 'replays',
    access: WRITERS,
    params: WorkflowVersionParams,
    body: StartReplayBody,
    response: ReplayView,
    status: 202,
  }),
  list: defineRoute({
    method: 'get',
    path: '/workflows/:id/versions/:number/replays',
    summary: 'Replays and shadows of a version, newest first (without their items)',
    tag: 'replays',
    access: 'authenticated',
    params: WorkflowVersionParams,
    response: z.object({ replays: z.array(ReplayView) }),
  }),
  get: defineRoute({
    method: 'get',
    path: '/workflows/:id/replays/:replayId',
    summary: 'One replay or shadow with its per-event behavioural diff',
    tag: 'replays',
    access: 'authenticated',
    params: ReplayParams,
    response: ReplayView,
  }),
  startShadow: defineRoute({
    method: 'put',
    path: '/workflows/:id/versions/:number/shadow',
    summary:
      'Run this version in shadow beside the published one on every real event for a period (simulated, never sending)',
    tag: 'replays',
    access: WRITERS,
    params: WorkflowVersionParams,
    body: StartShadowBody,
    response: ReplayView,
  }),
  stopShadow: defineRoute({
    method: 'delete',
    path: '/workflows/:id/versions/:number/shadow',
    summary: 'Stop this version’s shadow (its diff is kept)',
    tag: 'replays',
    access: WRITERS,
    params: WorkflowVersionParams,
    response: ReplayView,
  }),
};
