/**
 * Replays and shadows as the routes see them (contract: `replaysApi` in @autonomic/api).
 * A replay takes the last N stored events of the workflow's published version (newest
 * first; fewer when fewer exist; none: done at once, saying so) and queues one item each
 * for the replay runner; a shadow mirrors each live run of the workflow that finishes
 * until its period ends. Both are audited; neither ever sends anything.
 */
import { ReplayItemView, type Actor, type ReplayView as ReplayViewSchema } from '@autonomic/api';
import { z } from 'zod';
import type { AppContext } from '../../context';
import { NotFoundError } from '../../errors';
import { transaction, type Db } from '../../store/db';
import {
  doneItems,
  endShadow,
  extendShadow,
  findReplay,
  insertReplay,
  insertShadow,
  latestEndedEvents,
  listReplays,
  lockActiveShadow,
  replaySummaries,
  type ReplayRow,
} from '../../store/replays';
import { isUniqueViolation } from '../../store/workflows';
import { recordAudit } from '../audit';
import { workflowAndVersion, workflowOrThrow } from '../workflows/lookup';
import { summarise } from './diff';

/** The contract's `ReplayView`, dates as `Date`. */
export type ReplayView = z.input<typeof ReplayViewSchema>;

/** Told when items were queued (the runner starts at once) or shadows changed. */
export interface ReplaySignal {
  queued(): void;
  shadowsChanged(workflowId: string, active: boolean): void;
}

const HOUR = 3_600_000;
const StoredDiff = ReplayItemView.omit({ id: true, liveRunId: true, simulationRunId: true, eventAt: true });

/** The views of the replays: numbers of their versions, who asked, the summary, and the items when asked for. */
async function viewsOf(db: Db, rows: ReplayRow[], withItems: boolean): Promise<ReplayView[]> {
  if (rows.length === 0) return [];
  const versionIds = [
    ...new Set(rows.flatMap((r) => (r.baseVersionId ? [r.versionId, r.baseVersionId] : [r.versionId]))),
  ];
  const userIds = [...new Set(rows.flatMap((r) => (r.requestedById ? [r.requestedById] : [])))];
  const ids = rows.map((r) => r.id);
  const [versions, users, summaries, items] = await Promise.all([
    db.workflowVersion.findMany({ where: { id: { in: versionIds } }, select: { id: true, number: true } }),
    db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, username: true } }),
    withItems ? Promise.resolve([]) : replaySummaries(db, ids),
    withItems ? doneItems(db, ids) : Promise.resolve([]),
  ]);
  const number = new Map(versions.map((v) => [v.id, v.number]));
  const user = new Map(users.map((u) => [u.id, u]));
  const summary = new Map(summaries.map(({ replayId, ...counts }) => [replayId, counts]));
  return rows.map((r) => {
    const view: ReplayView = {
      id: r.id,
      workflowId: r.workflowId,
      kind: r.kind as ReplayView['kind'],
      status: r.status as ReplayView['status'],
      version: number.get(r.versionId) ?? 0,
      baseVersion: r.baseVersionId ? (number.get(r.baseVersionId) ?? null) : null,
      requested: r.requested,
      until: r.until,
      requestedBy: r.requestedById ? (user.get(r.requestedById) ?? null) : null,
      createdAt: r.createdAt,
      finishedAt: r.finishedAt,
      message: r.message,
      summary: summary.get(r.id) ?? summarise([]),
    };
    if (withItems) {
      view.items = items.flatMap((i) => {
        const diff = i.replayId === r.id ? StoredDiff.safeParse(i.diff) : undefined;
        if (!diff?.success) return [];
        return [
          { id: i.id, liveRunId: i.liveRunId, simulationRunId: i.simulationRunId, eventAt: i.eventAt, ...diff.data },
        ];
      });
      // From the items read, so that the counts and the rows agree while items are still finishing.
      view.summary = summarise(view.items);
    }
    return view;
  });
}

async function viewOf(db: Db, row: ReplayRow, withItems = true): Promise<ReplayView> {
  const [view] = await viewsOf(db, [row], withItems);
  if (!view) throw new Error('a replay row without a view');
  return view;
}

export function createReplayService(ctx: AppContext, signal: ReplaySignal) {
  const { prisma } = ctx;
  const now = () => new Date(ctx.clock.now());

  /** Replays the last `count` stored events of the published version on version `number`. */
  async function start(actor: Actor, ref: string, number: number, body: { count: number }): Promise<ReplayView> {
    const view = await transaction(prisma, async (tx) => {
      const { workflow, version } = await workflowAndVersion(tx, ref, number);
      const base = workflow.publishedVersionId;
      const events = base ? await latestEndedEvents(tx, workflow.id, base, body.count) : [];
      const row = await insertReplay(tx, {
        workflowId: workflow.id,
        versionId: version.id,
        baseVersionId: base,
        requested: body.count,
        requestedById: actor.userId,
        at: now(),
        events,
        emptyMessage: base
          ? 'no stored events of the published version to replay yet'
          : 'the workflow has no published version: there are no real events to replay',
      });
      await recordAudit(tx, {
        actor,
        action: 'replay.requested',
        targetType: 'workflow_version',
        targetId: version.id,
        afterHash: version.contentHash,
        details: { workflowId: workflow.id, number, replayId: row.id, requested: body.count, events: events.length },
      });
      return viewOf(tx, row, false);
    });
    signal.queued();
    return view;
  }

  async function list(ref: string, number: number): Promise<{ replays: ReplayView[] }> {
    const { version } = await workflowAndVersion(prisma, ref, number);
    return { replays: await viewsOf(prisma, await listReplays(prisma, version.id), false) };
  }

  async function get(ref: string, replayId: string): Promise<ReplayView> {
    const workflow = await workflowOrThrow(prisma, ref);
    const row = await findReplay(prisma, workflow.id, replayId);
    if (!row) throw new NotFoundError('replay');
    return viewOf(prisma, row);
  }

  /** Makes the version the workflow's shadow until now + `hours`; a running shadow of it is extended (or shortened). */
  async function startShadow(actor: Actor, ref: string, number: number, body: { hours: number }): Promise<ReplayView> {
    try {
      return await shadowOnce(actor, ref, number, body);
    } catch (e) {
      // Two first PUTs at once: the one-active-shadow index refused the second; it now extends the first.
      if (!isUniqueViolation(e)) throw e;
      return shadowOnce(actor, ref, number, body);
    }
  }

  async function shadowOnce(actor: Actor, ref: string, number: number, body: { hours: number }): Promise<ReplayView> {
    const { view, workflowId } = await transaction(prisma, async (tx) => {
      const { workflow, version } = await workflowAndVersion(tx, ref, number);
      const until = new Date(ctx.clock.now() + body.hours * HOUR);
      const active = await lockActiveShadow(tx, version.id);
      const row = active
        ? await extendShadow(tx, active.id, until)
        : await insertShadow(tx, {
            workflowId: workflow.id,
            versionId: version.id,
            baseVersionId: workflow.publishedVersionId,
            until,
            requestedById: actor.userId,
            at: now(),
          });
      await recordAudit(tx, {
        actor,
        action: active ? 'replay.shadow_extended' : 'replay.shadow_started',
        targetType: 'workflow_version',
        targetId: version.id,
        afterHash: version.contentHash,
        details: { workflowId: workflow.id, number, replayId: row.id, hours: body.hours, until: until.toISOString() },
      });
      return { view: await viewOf(tx, row), workflowId: workflow.id };
    });
    signal.shadowsChanged(workflowId, true);
    return view;
  }

  /** Stops the version's shadow; its diff is kept. 404 when it has none running. */
  async function stopShadow(actor: Actor, ref: string, number: number): Promise<ReplayView> {
    const { view, workflowId } = await transaction(prisma, async (tx) => {
      const { workflow, version } = await workflowAndVersion(tx, ref, number);
      const active = await lockActiveShadow(tx, version.id);
      if (!active) throw new NotFoundError(`an active shadow of version ${number}`);
      const row = await endShadow(tx, active.id, now(), `stopped by ${actor.username}`);
      await recordAudit(tx, {
        actor,
        action: 'replay.shadow_stopped',
        targetType: 'workflow_version',
        targetId: version.id,
        details: { workflowId: workflow.id, number, replayId: row.id },
      });
      return { view: await viewOf(tx, row), workflowId: workflow.id };
    });
    signal.shadowsChanged(workflowId, false);
    return view;
  }

  return { start, list, get, startShadow, stopShadow };
}

export type ReplayService = ReturnType<typeof createReplayService>;
