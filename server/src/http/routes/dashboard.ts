/**
 * Dashboard aggregates (everyone signed in; each sees the workflows of their scope:
 * managers and admins all, others those they own or review), the runs behind a chart as
 * CSV, and SLOs (set by managers and admins: the people accountable for the service).
 * Contract: `dashboardApi` in @autonomic/api.
 */
import { dashboardApi } from '@autonomic/api';
import type { DashboardService } from '../../services/dashboard';
import type { RouteModule } from '../app';
import { streamCsv } from '../csv';

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
      await streamCsv(res, csv.filename, csv.chunks);
      return undefined;
    });
    api.add(dashboardApi.slos, ({ actor, query }) => dashboard.slos.list(actor, query.workflowId));
    api.add(dashboardApi.setSlo, ({ actor, params, body }) => dashboard.slos.set(actor, params.workflowId, body));
    api.add(dashboardApi.resetSlo, ({ actor, params }) => dashboard.slos.reset(actor, params.workflowId));
  };
}
