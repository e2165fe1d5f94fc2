/**
 * Runs: the list and one run's trace, live updates over server-sent events, cancelling,
 * and starting the published version by hand (contract: `runsApi` in @autonomic/api).
 */
import { runsApi } from '@autonomic/api';
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
  const currentOf = async (id: string) => {
    const run = await runs.get(id);
    return [{ runId: run.id, workflowId: run.workflow.id, status: run.status }];
  };
  return (api) => {
    api.add(runsApi.start, ({ params, body, actor }) => runs.startManual(actor, params.id, body.event));
    api.add(runsApi.list, ({ query }) => runs.list({ ...query, from: date(query.from), to: date(query.to) }));
    // Before /runs/:id, which would take "events" for an id.
    api.add(runsApi.events, ({ query, req, res }) => streamRunEvents(req, res, events, query, { heartbeatMs }));
    api.add(runsApi.get, ({ params }) => runs.get(params.id));
    api.add(runsApi.runEvents, ({ params, req, res }) =>
      streamRunEvents(req, res, events, { runId: params.id }, { heartbeatMs, current: () => currentOf(params.id) }),
    );
    api.add(runsApi.cancel, ({ params, body, actor }) => runs.cancel(actor, params.id, body?.reason));
  };
}
