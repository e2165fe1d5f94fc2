/**
 * Runs: the list and one run's trace, live updates over server-sent events, cancelling,
 * and starting the published version by hand (contract: `runsApi` in @autonomic/api).
 */
import { runsApi, type Actor } from '@autonomic/api';
import type { RunEvents } from '../../executor';
import type { RunService } from '../../services/runs';
import type { RouteModule } from '../app';
import { streamRunEvents } from '../sse';

export interface RunRouteDeps {
  runs: RunService;
  events: RunEvents;
  /** @default 15000 */
  heartbeatMs?: number;
}

const date = (iso: string | undefined) => (iso ? new Date(iso) : undefined);

export function runRoutes({ runs, events, heartbeatMs }: RunRouteDeps): RouteModule {
  /** The run's status now: the first event of its stream (404 when there is no such run). */
  const currentOf = async (id: string, actor: Actor) => {
    const run = await runs.get(id, actor);
    return [{ runId: run.id, workflowId: run.workflow.id, status: run.status }];
  };
  return (api) => {
    api.add(runsApi.start, ({ params, body, actor }) => runs.startManual(actor, params.id, body.event));
    api.add(runsApi.list, ({ query }) => runs.list({ ...query, from: date(query.from), to: date(query.to) }));
    // Before /runs/:id, which would take "events" for an id.
    api.add(runsApi.events, ({ query, req, res }) => streamRunEvents(req, res, events, query, { heartbeatMs }));
    api.add(runsApi.get, ({ params, actor }) => runs.get(params.id, actor));
    api.add(runsApi.runEvents, ({ params, req, res, actor }) =>
      streamRunEvents(
        req,
        res,
        events,
        { runId: params.id },
        { heartbeatMs, current: () => currentOf(params.id, actor) },
      ),
    );
    api.add(runsApi.cancel, ({ params, body, actor }) => runs.cancel(actor, params.id, body?.reason));
    api.add(runsApi.rerun, ({ params, body, actor }) => runs.rerun(actor, params.id, body.from));
  };
}
