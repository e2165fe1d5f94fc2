import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { AppContext } from '../context';
import { metricsAccessOf } from './access';
import type { EventSink } from '../engine';
import { driftEventCounts } from '../store/connector-drift';
import { liveRunCounts, pendingApprovalCount, queueDepth } from '../store/ops-metrics';
import { registerSloGauges } from './slo-gauges';

export interface Metrics {
  registry: Registry;
  /** Give it to the engine (`events`): observes each step attempt as it finishes. */
  sink: EventSink;
  /**
   * GET /metrics: Prometheus text; requires `Authorization: Bearer <METRICS_TOKEN>` when that is
   * set, and answers 401 to everyone when it is not and HOST is not loopback (see access.ts).
   */
  handler: RequestHandler;
}

const FINISHED = new Set(['succeeded', 'failed', 'cancelled']);

/**
 * Prometheus metrics. Run counts, pending approvals and queue depth are read from the
 * database on each scrape, so every process reports the same cluster-wide numbers
 * (scrape one instance, or aggregate with max(), not sum()); step durations are observed
 * in the process that ran the step (sum them across instances).
 */
export function createMetrics(ctx: AppContext): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const guarded = async (what: string, read: () => Promise<void>) => {
    try {
      await read();
    } catch (err) {
      ctx.log.warn({ err, metric: what }, 'metric not collected');
    }
  };

  new Counter({
    name: 'autonomic_runs_total',
    help: 'Live runs by workflow (slug) and current status',
    labelNames: ['workflow', 'status'],
    registers: [registry],
    async collect() {
      await guarded('runs_total', async () => {
        const rows = await liveRunCounts(ctx.prisma);
        this.reset();
        for (const r of rows) this.inc({ workflow: r.workflow, status: r.status }, r.count);
      });
    },
  });
  const steps = new Histogram({
    name: 'autonomic_step_duration_seconds',
    help: 'Duration of step attempts, by step type and outcome',
    labelNames: ['node_type', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
    registers: [registry],
  });
  new Gauge({
    name: 'autonomic_pending_approvals',
    help: 'Approval tasks waiting for a decision',
    registers: [registry],
    async collect() {
      await guarded('pending_approvals', async () => this.set(await pendingApprovalCount(ctx.prisma)));
    },
  });
  new Gauge({
    name: 'autonomic_queue_depth',
    help: 'Runs waiting for an executor: queued, or waiting with a due timer',
    registers: [registry],
    async collect() {
      await guarded('queue_depth', async () => this.set(await queueDepth(ctx.prisma, new Date(ctx.clock.now()))));
    },
  });

  new Counter({
    name: 'autonomic_connector_drift_events_total',
    help: "Live connector answers' drift from the declared response schema: findings by connector, action and kind (missing, new, type)",
    labelNames: ['connector', 'action', 'kind'],
    registers: [registry],
    async collect() {
      await guarded('connector_drift_events_total', async () => {
        const rows = await driftEventCounts(ctx.prisma);
        this.reset();
        for (const r of rows) this.inc({ connector: r.connector, action: r.action, kind: r.kind }, r.count);
      });
    },
  });

  registerSloGauges(registry, ctx, guarded);

  const sink: EventSink = {
    emit(event) {
      if (event.type !== 'attempt') return;
      const a = event.attempt;
      if (!FINISHED.has(a.status) || a.finishedAt === undefined) return;
      steps.observe({ node_type: a.nodeType, status: a.status }, Math.max(0, a.finishedAt - a.startedAt) / 1000);
    },
  };

  const token = ctx.config.METRICS_TOKEN;
  const closed = metricsAccessOf(ctx.config) === 'closed';
  const digest = (s: string) => createHash('sha256').update(s).digest();
  const expected = token ? digest(`Bearer ${token}`) : undefined;
  const handler: RequestHandler = (req, res, next) => {
    if (closed || (expected && !timingSafeEqual(digest(req.headers.authorization ?? ''), expected))) {
      res.status(401).set('WWW-Authenticate', 'Bearer realm="metrics"').type('text/plain').send('unauthorized\n');
      return;
    }
    registry.metrics().then((text) => res.type(registry.contentType).send(text), next);
  };

  return { registry, sink, handler };
}
