/**
 * Dashboard aggregates (everyone signed in; each sees the workflows of their scope:
 * managers and admins all, others those they own or review), the runs behind a chart as
 * CSV, and SLOs (set by managers and admins: the people accountable for the service).
 */
import { z } from 'zod';
import { CsvQuery, FailingQuery, RangeQuery, SloBody, type DashboardService } from '../../services/dashboard';
import type { Response } from 'express';
import type { RouteModule } from '../app';

export interface DashboardRouteDeps {
  dashboard: DashboardService;
}

const TAG = 'dashboard';
const Aggregate = z.object({ range: z.object({ from: z.string(), to: z.string(), bucket: z.string() }) }).loose();
const Slo = z.object({ workflowId: z.string(), state: z.string() }).loose();
const WorkflowParams = z.object({ workflowId: z.uuid('a workflow id') });
const SloListQuery = z.object({ workflowId: z.uuid().optional() }).strict();

export function dashboardRoutes({ dashboard }: DashboardRouteDeps): RouteModule {
  return (api) => {
    const aggregate = (
      path: string,
      summary: string,
      read: (actor: Parameters<DashboardService['runs']>[0], q: RangeQuery) => Promise<unknown>,
    ) =>
      api.add(
        { method: 'get', path, summary, tag: TAG, access: 'authenticated', query: RangeQuery, response: Aggregate },
        ({ actor, query }) => read(actor, query),
      );

    api.add(
      {
        method: 'get',
        path: '/dashboard/workflows',
        summary: 'The workflows on your dashboard (its workflow filter)',
        tag: TAG,
        access: 'authenticated',
        response: z.object({ workflows: z.array(z.object({ id: z.string(), name: z.string() }).loose()) }),
      },
      ({ actor }) => dashboard.workflows(actor),
    );
    aggregate('/dashboard/runs', 'Live runs by status per time bucket, and the success rate', dashboard.runs);
    aggregate('/dashboard/durations', 'Run counts and p50/p95 durations per workflow', dashboard.durations);
    aggregate(
      '/dashboard/time-to-contain',
      'Alert time to first successful destructive action, p50/p95',
      dashboard.timeToContain,
    );
    aggregate('/dashboard/time-saved', 'Measured time saved: baseline minus human time per run', dashboard.timeSaved);
    aggregate(
      '/dashboard/approvals',
      'Approvals: pending, time to decision, escalations, break glass',
      dashboard.approvals,
    );
    aggregate('/dashboard/automation', 'Automation level per workflow, from its runs', dashboard.automation);
    api.add(
      {
        method: 'get',
        path: '/dashboard/failing-steps',
        summary: 'The steps with the most failed attempts, with their error messages',
        tag: TAG,
        access: 'authenticated',
        query: FailingQuery,
        response: Aggregate,
      },
      ({ actor, query }) => dashboard.failingSteps(actor, query),
    );
    api.add(
      {
        method: 'get',
        path: '/dashboard/runs.csv',
        summary: 'The runs behind a chart, as CSV (chart: runs, durations, contain, saved, approvals, failing)',
        tag: TAG,
        access: 'authenticated',
        query: CsvQuery,
      },
      async ({ actor, query, res }) => {
        const csv = await dashboard.csv(actor, query);
        res.status(200);
        res.setHeader('content-type', 'text/csv; charset=utf-8');
        res.setHeader('content-disposition', `attachment; filename="${csv.filename}"`);
        res.setHeader('cache-control', 'no-store');
        await sendChunks(res, csv.lines);
        return undefined;
      },
    );
    api.add(
      {
        method: 'get',
        path: '/dashboard/slos',
        summary: 'SLO per workflow: compliance over its window, error budget left, burn rates',
        tag: TAG,
        access: 'authenticated',
        query: SloListQuery,
        response: z.object({ slos: z.array(Slo) }).loose(),
      },
      ({ actor, query }) => dashboard.slos.list(actor, query.workflowId),
    );
    api.add(
      {
        method: 'put',
        path: '/dashboard/slos/:workflowId',
        summary: "Set a workflow's SLO (managers and admins)",
        tag: TAG,
        access: ['manager', 'admin'],
        params: WorkflowParams,
        body: SloBody,
        response: Slo,
      },
      ({ actor, params, body }) => dashboard.slos.set(actor, params.workflowId, body),
    );
    api.add(
      {
        method: 'delete',
        path: '/dashboard/slos/:workflowId',
        summary: "Reset a workflow's SLO to the defaults (managers and admins)",
        tag: TAG,
        access: ['manager', 'admin'],
        params: WorkflowParams,
        response: Slo,
      },
      ({ actor, params }) => dashboard.slos.reset(actor, params.workflowId),
    );
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
