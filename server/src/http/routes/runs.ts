/**
 * Runs: the list and one run's trace (everyone signed in: SOC transparency), live
 * updates over server-sent events, cancelling, and starting the published version by hand.
 */
import { z } from 'zod';
import type { RunEvents } from '../../executor';
import type { RunService } from '../../services/runs';
import { streamRunEvents } from '../../services/runs/stream';
import type { RouteModule } from '../app';

export interface RunRouteDeps {
  runs: RunService;
  events: RunEvents;
  /** @default 15000 */
  heartbeatMs?: number;
}

const RUN_STATUS = ['queued', 'running', 'waiting', 'succeeded', 'failed', 'cancelled'] as const;
const IdParams = z.object({ id: z.uuid('a run id') });
const ListQuery = z
  .object({
    workflowId: z.uuid().optional(),
    status: z.enum(RUN_STATUS).optional(),
    mode: z.enum(['live', 'simulation']).optional(),
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    cursor: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();
const RunSummary = z.object({ id: z.string(), status: z.enum(RUN_STATUS) }).loose();
const StartBody = z.object({ event: z.json().default({}) }).strict();
const CancelBody = z
  .object({ reason: z.string().trim().min(1).max(500).optional() })
  .strict()
  .optional();

export function runRoutes({ runs, events, heartbeatMs }: RunRouteDeps): RouteModule {
  return (api) => {
    api.add(
      {
        method: 'post',
        path: '/workflows/:id/runs',
        summary: 'Start a live run of the published version with an event',
        tag: 'runs',
        access: ['analyst', 'admin'],
        params: z.object({ id: z.string().min(1).max(200) }),
        body: StartBody,
        response: z.object({ runId: z.string() }),
        status: 202,
      },
      ({ params, body, actor }) => runs.startManual(actor, params.id, body.event),
    );
    api.add(
      {
        method: 'get',
        path: '/runs',
        summary: 'List runs, newest first (keyset pages: pass nextCursor as cursor)',
        tag: 'runs',
        access: 'authenticated',
        query: ListQuery,
        response: z.object({ runs: z.array(RunSummary), nextCursor: z.string().nullable() }),
      },
      ({ query }) =>
        runs.list({
          ...query,
          from: query.from ? new Date(query.from) : undefined,
          to: query.to ? new Date(query.to) : undefined,
        }),
    );
    // Before /runs/:id, which would take "events" for an id.
    api.add(
      {
        method: 'get',
        path: '/runs/events',
        summary: 'Live run and step events of all runs (server-sent events)',
        tag: 'runs',
        access: 'authenticated',
        query: z.object({ workflowId: z.uuid().optional() }).strict(),
      },
      async ({ query, req, res }) => {
        streamRunEvents(req, res, events, query, [], heartbeatMs);
        return undefined;
      },
    );
    api.add(
      {
        method: 'get',
        path: '/runs/:id',
        summary: 'One run with its step trace, approval tasks and child runs',
        tag: 'runs',
        access: 'authenticated',
        params: IdParams,
        response: RunSummary,
      },
      ({ params }) => runs.get(params.id),
    );
    api.add(
      {
        method: 'get',
        path: '/runs/:id/events',
        summary: "Live events of one run (server-sent events); starts with the run's current status",
        tag: 'runs',
        access: 'authenticated',
        params: IdParams,
      },
      async ({ params, req, res }) => {
        const run = await runs.get(params.id);
        const now = { runId: run.id, workflowId: run.workflow.id, status: run.status, local: true };
        streamRunEvents(req, res, events, { runId: params.id }, [now], heartbeatMs);
        return undefined;
      },
    );
    api.add(
      {
        method: 'post',
        path: '/runs/:id/cancel',
        summary: 'Cancel a run (analysts: their own runs)',
        tag: 'runs',
        access: ['analyst', 'reviewer', 'admin'],
        params: IdParams,
        body: CancelBody,
        response: RunSummary,
      },
      ({ params, body, actor }) => runs.cancel(actor, params.id, body?.reason),
    );
  };
}
