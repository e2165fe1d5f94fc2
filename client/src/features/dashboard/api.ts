/** The dashboard API (server/src/http/routes/dashboard.ts): types of each aggregate and their calls. */
import { api } from '../../api/client';

export interface DashboardFilter {
  from: string;
  to: string;
  workflowId?: string;
}

export interface RangeInfo {
  from: string;
  to: string;
  bucket: 'hour' | 'day';
}

export interface StatusCounts {
  succeeded: number;
  failed: number;
  cancelled: number;
  active: number;
}

export interface RunsAggregate {
  range: RangeInfo;
  totals: StatusCounts & { runs: number; successRate: number | null };
  buckets: (StatusCounts & { at: string; successRate: number | null })[];
}

export interface WorkflowDuration extends StatusCounts {
  workflowId: string;
  name: string;
  runs: number;
  p50: number | null;
  p95: number | null;
  successRate: number | null;
}

export interface ContainAggregate {
  overall: { runs: number; p50: number | null; p95: number | null };
  workflows: { workflowId: string; name: string; runs: number; p50: number | null; p95: number | null }[];
}

export interface SavedTotals {
  runs: number;
  savedSeconds: number;
  baselineSeconds: number;
  humanSeconds: number;
}

export interface SavedAggregate {
  range: RangeInfo;
  total: SavedTotals & { runsWithoutBaseline: number };
  buckets: (SavedTotals & { at: string })[];
  workflows: (SavedTotals & { workflowId: string; name: string; baselineMinutes: number | null })[];
}

export interface ApprovalCounts {
  tasks: number;
  approved: number;
  rejected: number;
  timedOut: number;
  cancelled: number;
  medianDecisionSeconds: number | null;
  p95DecisionSeconds: number | null;
  escalations: number;
  escalatedTasks: number;
  breakGlass: number;
}

export interface ApprovalsAggregate extends ApprovalCounts {
  pending: number;
  workflows: (ApprovalCounts & { workflowId: string; name: string })[];
}

export interface FailingStep {
  workflowId: string;
  workflowName: string;
  stepId: string;
  nodeType: string;
  failures: number;
  runs: number;
  failedRuns: number;
  lastFailedAt: string;
  messages: { message: string; count: number }[];
}

export type AutomationLevel = 'manual' | 'automatic' | 'approval_gated' | 'autonomous';

export interface AutomationRow {
  workflowId: string;
  name: string;
  runs: number;
  manual: number;
  gated: number;
  autonomous: number;
  level: AutomationLevel | null;
}

export interface SloTarget {
  objectivePercent: number;
  latencySeconds: number;
  windowDays: number;
}

export interface SloStatus extends SloTarget {
  workflowId: string;
  name: string;
  configured: boolean;
  runs: number;
  good: number;
  compliance: number | null;
  errorBudget: number;
  budgetRemaining: number;
  burn: { hours: number; runs: number; rate: number | null; threshold: number; firing: boolean }[];
  state: 'no_data' | 'ok' | 'burning' | 'exhausted';
}

export interface DashboardWorkflow {
  id: string;
  name: string;
  manualBaselineMinutes: number | null;
}

export interface DashboardData {
  runs: RunsAggregate;
  durations: { workflows: WorkflowDuration[] };
  contain: ContainAggregate;
  saved: SavedAggregate;
  approvals: ApprovalsAggregate;
  failing: { steps: FailingStep[] };
  automation: { workflows: AutomationRow[] };
  slos: { slos: SloStatus[] };
}

export function queryOf(f: DashboardFilter, extra: Record<string, string> = {}): string {
  const q = new URLSearchParams({ from: f.from, to: f.to, ...extra });
  if (f.workflowId) q.set('workflowId', f.workflowId);
  return q.toString();
}

/** Every aggregate of the page, in parallel. */
export async function loadDashboard(f: DashboardFilter, signal: AbortSignal): Promise<DashboardData> {
  const get = <T>(path: string) => api<T>(`/dashboard/${path}?${queryOf(f)}`, { signal });
  const slos = api<DashboardData['slos']>(`/dashboard/slos${f.workflowId ? `?workflowId=${f.workflowId}` : ''}`, {
    signal,
  });
  const [runs, durations, contain, saved, approvals, failing, automation] = await Promise.all([
    get<DashboardData['runs']>('runs'),
    get<DashboardData['durations']>('durations'),
    get<DashboardData['contain']>('time-to-contain'),
    get<DashboardData['saved']>('time-saved'),
    get<DashboardData['approvals']>('approvals'),
    get<DashboardData['failing']>('failing-steps'),
    get<DashboardData['automation']>('automation'),
  ]);
  return { runs, durations, contain, saved, approvals, failing, automation, slos: await slos };
}

export function listDashboardWorkflows(): Promise<{ workflows: DashboardWorkflow[] }> {
  return api('/dashboard/workflows');
}

export function setSlo(workflowId: string, target: SloTarget): Promise<SloStatus> {
  return api(`/dashboard/slos/${workflowId}`, { method: 'PUT', body: target });
}

export function resetSlo(workflowId: string): Promise<SloStatus> {
  return api(`/dashboard/slos/${workflowId}`, { method: 'DELETE' });
}

export type CsvChart = 'runs' | 'durations' | 'contain' | 'saved' | 'approvals' | 'failing';

/** The link that downloads the runs behind a chart. */
export function csvHref(f: DashboardFilter, chart: CsvChart, extra: Record<string, string> = {}): string {
  return `/api/dashboard/runs.csv?${queryOf(f, { chart, ...extra })}`;
}
