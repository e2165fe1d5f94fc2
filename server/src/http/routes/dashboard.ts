/**
 * Dashboard aggregates (everyone signed in; each sees the workflows of their scope:
 * managers and admins all, others those they own or review), the runs behind a chart as
 * CSV, and SLOs (set by managers and admins: the people accountable for the service).
 * Contract: `dashboardApi` in @autonomic/api.
 */
import { dashboardApi } from '@autonomic/api';
import type { Response } from 'express';
import type { DashboardService } from '../../services/dashboard';
import type { RouteModule } from '../app';

export interface DashboardRouteDeps {
  dashboard: DashboardService;
}

export function dashboardRoutes({ dashboard }: DashboardRouteDeps): RouteModule {
  return (api) => {
    api.add(dashboardApi.workflows, ({ actor }) => dashboard.workflows(actor));
    api.add(dashboardApi.runs, ({ actor, query }) => dashboard.runs(actor, query));
    api.add(dashboardApi.durations, ({ actor, query }) => dashboard.durations(actor, query));
    api.add(dashboardApi.timeToContain, ({ actor, query }) => dashboard.timeToContain(actor, query));
    api.add(dashboardApi.timeSaved, ({ actor, query }) => dashboard.timeSaved(actor, query));
    api.add(dashboardApi.approvals, ({ actor, query }) => dashboard.approvals(actor, query));
    api.add(dashboardApi.automation, ({ actor, query }) => dashboard.automation(actor, query));
    api.add(dashboardApi.failingSteps, ({ actor, query }) => dashboard.failingSteps(actor, query));
    api.add(dashboardApi.runsCsv, async ({ actor, query, res }) => {
      const csv = await dashboard.csv(actor, query);
      res.status(200);
      res.setHeader('content-type', 'text/csv; charset=utf-8');
      res.setHeader('content-disposition', `attachment; filename="${csv.filename}"`);
      res.setHeader('cache-control', 'no-store');
      await sendChunks(res, csv.lines);
      return undefined;
    });
    api.add(dashboardApi.slos, ({ actor, query }) => dashboard.slos.list(actor, query.workflowId));
    api.add(dashboardApi.setSlo, ({ actor, params, body }) => dashboard.slos.set(actor, params.workflowId, body));
    api.add(dashboardApi.resetSlo, ({ actor, params }) => dashboard.slos.reset(actor, params.workflowId));
  };
}

/**
 * Writes chunks as they come, waiting for the socket to drain when its buffer is full;
 * stops reading when the client goes away. After the first byte an error can only cut the
 * response short (it is logged by the error middleware's caller, not answered).
 */
async function sendChunks(res: Response, chunks: AsyncGenerator<string>): Promise<void> {
  for await (const chunk of chunks) {
    if (res.destroyed) break;
    if (!res.write(chunk))
      await new Promise<void>((resolve) => {
        const done = () => {
          res.off('drain', done);
          res.off('close', done);
          resolve();
        };
        res.once('drain', done);
        res.once('close', done);
      });
  }
  res.end();
}
