/**
 * Runs: the list and one run's trace (everyone signed in: SOC transparency), live
 * updates over server-sent events, cancelling, and starting the published version by hand.
 */
import { z } from 'zod';
import { defineRoute } from '../contract';
import { RunDetail, RunMode, RunRow } from '../model/runs';
import { RunStatus, WorkflowRef } from './common';

export const RunParams = z.object({ id: z.uuid('a run id') });

/** The runs list's filters and page. */
export const RunListQuery = z
  .object({
    workflowId: z.uuid().optional(),
    status: RunStatus.optional(),
    mode: RunMode.optional(),
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    /** The previous page's `nextCursor`. */
    cursor: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

export const RunPage = z.object({
  runs: z.array(RunRow),
  /** Pass as `cursor` for the next page; null on the last. */
  nextCursor: z.string().nullable(),
});
export type RunPage = z.infer<typeof RunPage>;

/** What cancelling answers: the run's status once the engine stopped it. */
export const CancelledRun = z.object({ id: z.uuid(), status: RunStatus });
export type CancelledRun = z.infer<typeof CancelledRun>;

/** Re-running a failed run: from the start, or from its failed step (the steps that succeeded before are reused). */
export const RerunBody = z.object({ from: z.enum(['start', 'failed_step']) }).strict();
export type RerunBody = z.infer<typeof RerunBody>;

export const runsApi = {
  start: defineRoute({
    method: 'post',
    path: '/workflows/:id/runs',
    summary: 'Start a live run of the published version with an event',
    tag: 'runs',
    access: ['analyst', 'admin'],
    params: z.object({ id: WorkflowRef }),
    body: z.object({ event: z.json().default({}) }).strict(),
    response: z.object({ runId: z.uuid() }),
    status: 202,
  }),
  list: defineRoute({
    method: 'get',
    path: '/runs',
    summary: 'List runs, newest first (keyset pages: pass nextCursor as cursor)',
    tag: 'runs',
    access: 'authenticated',
    query: RunListQuery,
    response: RunPage,
  }),
  /** Data: `run` and `step` frames (`RUN_STREAM_EVENTS`). Registered before `get`, which would take "events" for an id. */
  events: defineRoute({
    method: 'get',
    path: '/runs/events',
    summary: 'Live run and step events of all runs (server-sent events)',
    tag: 'runs',
    access: 'authenticated',
    query: z.object({ workflowId: z.uuid().optional() }).strict(),
    produces: 'event-stream',
  }),
  get: defineRoute({
    method: 'get',
    path: '/runs/:id',
    summary: 'One run with its step trace, approval tasks and child runs',
    tag: 'runs',
    access: 'authenticated',
    params: RunParams,
    response: RunDetail,
  }),
  /** Data: `run` and `step` frames (`RUN_STREAM_EVENTS`), the first one the run's current status. */
  runEvents: defineRoute({
    method: 'get',
    path: '/runs/:id/events',
    summary: "Live events of one run (server-sent events); starts with the run's current status",
    tag: 'runs',
    access: 'authenticated',
    params: RunParams,
    produces: 'event-stream',
  }),
  cancel: defineRoute({
    method: 'post',
    path: '/runs/:id/cancel',
    summary: 'Cancel a run (analysts: their own runs)',
    tag: 'runs',
    access: ['analyst', 'reviewer', 'admin'],
    params: RunParams,
    body: z
      .object({ reason: z.string().trim().min(1).max(500).optional() })
      .strict()
      .optional(),
    response: CancelledRun,
  }),
  rerun: defineRoute({
    method: 'post',
    path: '/runs/:id/rerun',
    summary:
      'Re-run a failed run (same version, same event) from the start or from its failed step (earlier steps reused, not performed again)',
    tag: 'runs',
    access: ['analyst', 'admin'],
    params: RunParams,
    body: RerunBody,
    response: z.object({ runId: z.uuid() }),
    status: 202,
  }),
};
