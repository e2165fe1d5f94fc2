/**
 * Fixtures for the runs tests: a published workflow in the test database, a recording
 * effects port, and executors on the test database (several = several processes).
 */
import { contentHash, type WorkflowDocument } from '@autonomic/workflow';
import { appendFileSync } from 'node:fs';
import type { AppContext } from '../../src/context';
import type { EffectRequest, EffectResult, EffectsPort } from '../../src/engine';
import { createExecutor, type Executor, type ExecutorOptions } from '../../src/executor';
import type { PrismaClient } from '../../src/generated/prisma/client';
import type { EffectsFactory, SafetySource } from '../../src/services/contracts';
import { approvalRoutes } from '../../src/http/routes/approvals';
import { runRoutes } from '../../src/http/routes/runs';
import { createApprovalService } from '../../src/services/approvals';
import { createRunService, createRunStarter } from '../../src/services/runs';
import { createUser, testApp } from '../support/app';

export { step, transform, post, workflow } from '../engine/harness';

/** Records every effect; `slow` step ids sleep first; `log` appends each idempotency key to a file. */
export class RecordingEffects implements EffectsPort {
  readonly calls: EffectRequest[] = [];
  constructor(readonly opts: { slow?: Record<string, number>; log?: string } = {}) {}

  async perform(req: EffectRequest): Promise<EffectResult> {
    this.calls.push(req);
    if (this.opts.log) appendFileSync(this.opts.log, `start ${req.idempotencyKey}\n`);
    const ms = this.opts.slow?.[req.stepId];
    if (ms) await new Promise((r) => setTimeout(r, ms));
    if (this.opts.log) appendFileSync(this.opts.log, `done ${req.idempotencyKey}\n`);
    return { ok: true, output: { step: req.stepKey } };
  }

  keys(): string[] {
    return this.calls.map((c) => c.idempotencyKey);
  }
}

export const factoryOf = (port: EffectsPort): EffectsFactory => ({ forWorkflow: () => port });

export const allowAll: SafetySource = {
  port: () => ({ check: async () => ({ decision: 'allow' }) }),
  list: async () => ({ protected: [], autoOk: [] }),
};

/** Inserts a workflow with one version of `doc`, published unless `publish` is false. */
export async function publishedWorkflow(
  prisma: PrismaClient,
  doc: WorkflowDocument,
  opts: { slug?: string; publish?: boolean; killSwitch?: boolean; ownerId?: string } = {},
) {
  const ownerId = opts.ownerId ?? (await createUser(prisma, 'analyst')).id;
  const slug = opts.slug ?? `wf-${Math.random().toString(36).slice(2, 10)}`;
  const wf = await prisma.workflow.create({
    data: { slug, name: slug, ownerId, killSwitch: opts.killSwitch ?? false },
  });
  const version = await prisma.workflowVersion.create({
    data: {
      workflowId: wf.id,
      number: 1,
      document: JSON.parse(JSON.stringify(doc)),
      contentHash: contentHash(doc),
      authorId: ownerId,
      status: opts.publish === false ? 'draft' : 'published',
    },
  });
  if (opts.publish !== false) {
    await prisma.workflow.update({ where: { id: wf.id }, data: { publishedVersionId: version.id } });
  }
  return { workflowId: wf.id, versionId: version.id, slug, ownerId };
}

/** An executor of the test database with short leases and polls (tests stop it). */
export function testExecutor(
  ctx: AppContext,
  url: string,
  effects: EffectsPort,
  more: Partial<ExecutorOptions> = {},
): Executor {
  return createExecutor(ctx, {
    effects: factoryOf(effects),
    safety: allowAll,
    databaseUrl: url,
    leaseMs: 1_000,
    pollMs: 200,
    stopGraceMs: 200,
    ...more,
  });
}

/** Polls until `check` returns a value (or throws after `ms`). */
export async function eventually<T>(check: () => Promise<T | undefined>, ms = 5_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The runs module wired as the server wires it: executor, starter, services, routes. */
export function runtime(ctx: AppContext, url: string, effects: EffectsPort, more: Partial<ExecutorOptions> = {}) {
  const executor = testExecutor(ctx, url, effects, more);
  const starter = createRunStarter(ctx, executor);
  const runs = createRunService(ctx, { executor, starter });
  const approvals = createApprovalService(ctx, executor);
  const { app } = testApp(ctx, [
    runRoutes({ runs, events: executor.events, heartbeatMs: 100 }),
    approvalRoutes({ approvals }),
  ]);
  return { executor, starter, runs, approvals, app };
}
