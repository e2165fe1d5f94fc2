/**
 * Runs at the edges of what the rollups see, added after the demo history (times relative
 * to `now`, which is on the hour):
 * - active: running (failed step, pending approval) at -1:40, queued at -12:10, waiting at -3 d;
 * - on the hour: created at -5:00 exactly, ended and folded into the rollups, then its steps
 *   and approvals written in later transactions, then its approval closed (the recount path);
 * - inserted already ended with its steps in the same transaction at -12:30;
 * - queued → running → succeeded in three transactions at -1:30, manual.
 */
import type { PrismaClient } from '../../src/generated/prisma/client';

const MIN = 60_000;

/** `fold` folds the rollups: called between a run's end and its late writes. */
export async function addEdgeRuns(prisma: PrismaClient, now: number, fold: () => Promise<void>): Promise<void> {
  const wf = await prisma.workflow.findFirstOrThrow({
    where: { publishedVersionId: { not: null } },
    orderBy: { slug: 'asc' },
  });
  const base = { workflowId: wf.id, versionId: wf.publishedVersionId ?? '', mode: 'live' as const, input: {} };
  const at = (minutes: number) => new Date(now + minutes * MIN);
  let n = 0;
  const step = (
    runId: string,
    o: { status: 'succeeded' | 'failed'; effect: 'read' | 'destructive'; start: number; message?: string },
  ) => ({
    runId,
    stepKey: `edge-${(n += 1)}`,
    stepId: o.effect === 'destructive' ? 'edge_block' : 'edge_lookup',
    nodeType: 'http',
    status: o.status,
    effectClass: o.effect,
    startedAt: at(o.start),
    finishedAt: at(o.start + 1),
    ...(o.message ? { error: { message: o.message } } : {}),
  });
  const task = (
    runId: string,
    o: { status: 'pending' | 'approved' | 'rejected'; start: number; decided?: number },
  ) => ({
    runId,
    stepKey: `edge-approve-${(n += 1)}`,
    taskId: `edge-task-${n}-${runId}`,
    approvers: {},
    status: o.status,
    escalationLevel: 1,
    createdAt: at(o.start),
    ...(o.decided === undefined ? {} : { decidedAt: at(o.decided) }),
  });

  const running = await prisma.run.create({
    data: { ...base, status: 'running', triggerType: 'webhook', createdAt: at(-100), startedAt: at(-100) },
  });
  await prisma.stepRun.create({
    data: step(running.id, { status: 'failed', effect: 'read', start: -99, message: 'edge: timed out' }),
  });
  await prisma.approvalTask.create({ data: task(running.id, { status: 'pending', start: -98 }) });
  await prisma.run.create({ data: { ...base, status: 'queued', triggerType: 'webhook', createdAt: at(-730) } });
  const waiting = await prisma.run.create({
    data: { ...base, status: 'waiting', triggerType: 'webhook', createdAt: at(-3 * 1440) },
  });
  await prisma.approvalTask.create({ data: task(waiting.id, { status: 'pending', start: -3 * 1440 + 1 }) });

  const onHour = await prisma.run.create({
    data: {
      ...base,
      status: 'succeeded',
      triggerType: 'webhook',
      createdAt: at(-300),
      startedAt: at(-300),
      finishedAt: at(-290),
      eventTimestamp: at(-303),
    },
  });
  await fold();
  await prisma.approvalTask.create({ data: task(onHour.id, { status: 'pending', start: -299 }) });
  await fold();
  await prisma.stepRun.create({
    data: step(onHour.id, { status: 'failed', effect: 'destructive', start: -296, message: 'edge: refused' }),
  });
  await prisma.stepRun.create({ data: step(onHour.id, { status: 'succeeded', effect: 'destructive', start: -294 }) });
  await prisma.approvalTask.updateMany({
    where: { runId: onHour.id },
    data: { status: 'approved', decidedAt: at(-297) },
  });

  await prisma.$transaction(async (tx) => {
    const ended = await tx.run.create({
      data: {
        ...base,
        status: 'failed',
        triggerType: 'schedule',
        createdAt: at(-750),
        startedAt: at(-750),
        finishedAt: at(-745),
        error: { stepId: 'edge_lookup', message: 'edge: 503' },
      },
    });
    await tx.stepRun.createMany({
      data: [
        step(ended.id, { status: 'failed', effect: 'read', start: -749, message: 'edge: 503' }),
        step(ended.id, { status: 'failed', effect: 'read', start: -748, message: 'edge: 503' }),
      ],
    });
  });

  const manual = await prisma.run.create({
    data: { ...base, status: 'queued', triggerType: 'manual', createdAt: at(-90) },
  });
  await prisma.run.update({ where: { id: manual.id }, data: { status: 'running', startedAt: at(-89) } });
  await prisma.stepRun.create({ data: step(manual.id, { status: 'succeeded', effect: 'destructive', start: -88 }) });
  await prisma.run.update({ where: { id: manual.id }, data: { status: 'succeeded', finishedAt: at(-80) } });
}
