/** The 12 aggregates the dashboard benchmark times (and bench/dashboard/explain.ts profiles). */
import type { Actor } from '@autonomic/api';
import type { AppContext } from '../../src/context';
import { createDashboardService } from '../../src/services/dashboard';

export type Case = [name: string, work: () => Promise<unknown>];

/** Over the 30 days before the context's clock; a manager sees every workflow, analyst alice hers. */
export async function dashboardCases(ctx: AppContext, userId: (name: string) => string) {
  const dashboard = createDashboardService(ctx);
  const manager: Actor = { userId: userId('dave'), username: 'dave', role: 'manager', via: 'token' };
  const analyst: Actor = { userId: userId('alice'), username: 'alice', role: 'analyst', via: 'token' };
  const month = { from: new Date(ctx.clock.now() - 30 * 86_400_000).toISOString() };
  const first = (
    await ctx.prisma.workflow.findFirst({ where: { publishedVersionId: { not: null } }, orderBy: { slug: 'asc' } })
  )?.id;
  const oneWorkflow = { ...month, ...(first ? { workflowId: first } : {}) };
  const cases: Case[] = [
    ['runs by status over time (30 d, daily)', () => dashboard.runs(manager, month)],
    ['runs by status over time (7 d, hourly)', () => dashboard.runs(manager, { bucket: 'hour' })],
    ['durations p50/p95 per workflow', () => dashboard.durations(manager, month)],
    ['time to contain p50/p95', () => dashboard.timeToContain(manager, month)],
    ['time saved (series + per workflow)', () => dashboard.timeSaved(manager, month)],
    ['approvals', () => dashboard.approvals(manager, month)],
    ['top failing steps', () => dashboard.failingSteps(manager, { ...month, limit: 10 })],
    ['automation level', () => dashboard.automation(manager, month)],
    ['SLOs (30-day windows, burn)', () => dashboard.slos.list(manager)],
    ['workflow list', () => dashboard.workflows(manager)],
    ['runs over time, analyst scope', () => dashboard.runs(analyst, month)],
    ['time saved, one workflow', () => dashboard.timeSaved(manager, oneWorkflow)],
  ];
  return { dashboard, manager, month, cases };
}
