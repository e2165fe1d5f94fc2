/**
 * Re-running a failed run (issue 16 §1): a new live run of the SAME version with the same
 * event (an operator re-runs what failed, even when a newer version is published since;
 * the kill switch still refuses), from the start or from its failed step. From the failed
 * step, the steps that succeeded are reused: their recorded outputs go into the new run's
 * record (`memoOf`) and the engine follows their ports without performing them, so it
 * starts acting at the failed step. Audited as `run.rerun`.
 */
import type { Actor, RerunBody } from '@autonomic/api';
import type { AppContext } from '../../context';
import { memoOf } from '../../engine';
import type { Executor } from '../../executor';
import { AppError, NotFoundError } from '../../errors';
import { isUuid, parseStoredDocument } from '../../store/runs-ids';
import { findRunHead } from '../../store/runs-query';
import { findRerunSource } from '../../store/runs-rerun';
import { prismaSql } from '../../store/runs-sql';
import { recordAudit } from '../audit';
import { rerunRefusal } from './permissions';

export async function rerunRun(
  ctx: AppContext,
  executor: Executor,
  actor: Actor,
  id: string,
  from: RerunBody['from'],
): Promise<{ runId: string }> {
  const head = isUuid(id) ? await findRunHead(ctx.prisma, id) : null;
  if (!head) throw new NotFoundError(`run ${id}`);
  const refusal = rerunRefusal(actor, head);
  if (refusal) throw new AppError(refusal.status, refusal.code, refusal.message);
  const source = await findRerunSource(prismaSql(ctx.prisma), id);
  if (!source) throw new NotFoundError(`run ${id}`);
  const fromStep = from === 'failed_step' ? (source.error?.stepKey ?? null) : null;
  const memo = from === 'failed_step' ? memoOf(id, source.results) : null;
  const out = await executor.startRun({
    workflowId: head.workflowId,
    versionId: source.versionId,
    document: parseStoredDocument(source.document),
    trigger: source.triggerType,
    event: source.input,
    eventTimestamp: source.eventTimestamp,
    createdById: actor.userId,
    dedupeKey: null,
    rerun: { ofRunId: id, fromStep, memo },
  });
  if (!out.started) {
    throw new AppError(423, 'kill_switch', "the workflow's kill switch is on: no new run starts");
  }
  await recordAudit(ctx.prisma, {
    actor,
    action: 'run.rerun',
    targetType: 'run',
    targetId: out.runId,
    details: {
      workflowId: head.workflowId,
      versionId: source.versionId,
      rerunOf: id,
      from,
      ...(fromStep ? { fromStep } : {}),
      ...(memo ? { reused: Object.keys(memo.steps) } : {}),
    },
  });
  return { runId: out.runId };
}
