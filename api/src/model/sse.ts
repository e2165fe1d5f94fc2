/**
 * The live feed of runs (`GET /runs/events`, `GET /runs/:id/events`): server-sent events
 * named `run` and `step`, each frame's data one JSON object of the schema below.
 */
import { z } from 'zod';
import { RunStatus } from '../routes/common';
import { AttemptStatus, RunError, StepError } from './runs';

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

/** `step`: an attempt started, started waiting or ended (runs of the serving process only). */
export const StepStreamEvent = z.object({
  runId: z.string(),
  workflowId: z.string().optional(),
  stepId: z.string(),
  stepKey: z.string(),
  nodeType: z.string(),
  attempt: z.number().int(),
  status: AttemptStatus,
  /** Epoch ms. */
  startedAt: z.number(),
  finishedAt: z.number().optional(),
  port: z.string().optional(),
  error: StepError.optional(),
});
export type StepStreamEvent = z.infer<typeof StepStreamEvent>;

/** Every event name of the run streams and the schema of its data. */
export const RUN_STREAM_EVENTS = { run: RunStreamEvent, step: StepStreamEvent } as const;
export type RunStreamEventName = keyof typeof RUN_STREAM_EVENTS;
