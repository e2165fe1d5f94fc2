/** The dashboard's calls (contract: `dashboardApi` in @autonomic/api); the view types are the contract's. */
import {
  connectorsApi,
  dashboardApi,
  type ApprovalsAggregate,
  type AutomationAggregate,
  type ContainAggregate,
  type CsvChart,
  type CsvQuery,
  type DurationsAggregate,
  type FailingStepsAggregate,
  type RunsAggregate,
  type SavedAggregate,
  type SloBody,
  type SloList,
} from '@autonomic/api';
import { api, urlOf } from '../../api/client';

/** The page's range (ISO instants) and workflow. */
export interface DashboardFilter {
  from: string;
  to: string;
  workflowId?: string;
}

export interface DashboardData {
  runs: RunsAggregate;
  durations: DurationsAggregate;
  contain: ContainAggregate;
  saved: SavedAggregate;
  approvals: ApprovalsAggregate;
  failing: FailingStepsAggregate;
  automation: AutomationAggregate;
  slos: SloList;
}

const rangeOf = (f: DashboardFilter) => ({
  from: f.from,
  to: f.to,
  ...(f.workflowId ? { workflowId: f.workflowId } : {}),
});

/** Every aggregate of the page, in parallel. */
export async function loadDashboard(f: DashboardFilter, signal: AbortSignal): Promise<DashboardData> {
  const query = rangeOf(f);
  const init = { signal };
  const slos = api(dashboardApi.slos, { query: f.workflowId ? { workflowId: f.workflowId } : {} }, init);
  const [runs, durations, contain, saved, approvals, failing, automation] = await Promise.all([
    api(dashboardApi.runs, { query }, init),
    api(dashboardApi.durations, { query }, init),
    api(dashboardApi.timeToContain, { query }, init),
    api(dashboardApi.timeSaved, { query }, init),
    api(dashboardApi.approvals, { query }, init),
    api(dashboardApi.failingSteps, { query }, init),
    api(dashboardApi.automation, { query }, init),
  ]);
  return { runs, durations, contain, saved, approvals, failing, automation, slos: await slos };
}

export function listDashboardWorkflows() {
  return api(dashboardApi.workflows);
}

export function setSlo(workflowId: string, target: SloBody) {
  return api(dashboardApi.setSlo, { params: { workflowId }, body: target });
}

export function resetSlo(workflowId: string) {
  return api(dashboardApi.resetSlo, { params: { workflowId } });
}

/** The link that downloads the runs behind a chart. */
export function csvHref(
  f: DashboardFilter,
  chart: CsvChart,
  extra: Pick<CsvQuery, 'stepId' | 'workflowId'> = {},
): string {
  return urlOf(dashboardApi.runsCsv, { query: { ...rangeOf(f), chart, ...extra } });
}

/** Connector health now (not range-bound): probes, drift counts, affected workflows. */
export const getConnectorHealth = () => api(connectorsApi.health);

/** One connector's drift rows, most recently seen first (samples masked). */
export const listConnectorDrift = (connector: string) => api(connectorsApi.drift, { query: { connector, limit: 100 } });

/** Acknowledges a drift (admins): out of the open count until an answer shows it again. */
export const acknowledgeDrift = (id: string) => api(connectorsApi.acknowledgeDrift, { params: { id } });
