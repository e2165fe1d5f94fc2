/**
 * The live feed of runs (`GET /runs/events`, `GET /runs/:id/events`): server-sent events
 * named `run` and `step`, each frame's data one JSON object of the schema below.
 */
import { z } from 'zod';
import { RunStatus } from '../routes/common';
import { Attempt, RunError } from './runs';

/** `run`: a run's status changed (runs of other server processes too, with id and status only). */
export const RunStreamEvent = z.object({
  /** The run's row id. */
  runId: z.string(),
  workflowId: z.string().optional(),
  status: RunStatus,
  error: RunError.optional(),
  message: z.string().optional(),
});
export type RunStreamEvent = z.infer<typeof RunStreamEvent>;

/**
 * `step`: an attempt started, started waiting or ended; no input or output. One run's stream
 * (`/runs/:id/events`) carries them for a run driven by any process (read from its commits;
 * the frame's id resumes with `Last-Event-ID`); the all-runs stream only for runs this process drives.
 */
export const StepStreamEvent = Attempt.pick({
  stepId: true,
  stepKey: true,
  nodeType: true,
  attempt: true,
  status: true,
  startedAt: true,
  finishedAt: true,
  port: true,
  error: true,
}).extend({
  /** The run's row id. */
  runId: z.string(),
  workflowId: z.string().optional(),
});
export type StepStreamEvent = z.infer<typeof StepStreamEvent>;

/** Every event name of the run streams and the schema of its data. */
export const RUN_STREAM_EVENTS = { run: RunStreamEvent, step: StepStreamEvent } as const;
export type RunStreamEventName = keyof typeof RUN_STREAM_EVENTS;
