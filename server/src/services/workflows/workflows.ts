/** Creating, listing and reading workflows, and their run settings. */
import type { AppContext } from '../../context';
import { transaction } from '../../store/db';
import type {
  Actor,
  WorkflowDetail,
  WorkflowListItem as WorkflowListItemSchema,
  WorkflowListQuery,
} from '@autonomic/api';
import type { z } from 'zod';
import { ValidationError } from '../../errors';
import { insertVersion, latestVersion, findVersionById } from '../../store/versions';
import {
  freeSlug,
  insertWorkflow,
  isUniqueViolation,
  updateWorkflowSettings,
  type WorkflowRow,
  type WorkflowSettings,
} from '../../store/workflows';
import { listWorkflowRows, type WorkflowListRow } from '../../store/workflows-list';
import { recordAudit } from '../audit';
import { assertCanEdit, assertCanFlipKillSwitch } from './access';
import { createConnectorChecks, type ConnectorChecks } from './connector-checks';
import { prepareDocument } from './documents';
import { workflowOrThrow } from './lookup';
import { fileSettingsChange, splitSettings } from './settings-review';
import { queueTests, type TestRunSignal } from './test-runs';
import { NO_SIGNAL, savedView, summaryOf, type SavedVersion } from './versions';

/** A list item as `list` returns it: the contract's, with dates as `Date`. */
export type WorkflowListItem = z.input<typeof WorkflowListItemSchema>;

/** A workflow as `get` returns it: the contract's `WorkflowDetail`, dates as `Date`. */
export type WorkflowView = z.input<typeof WorkflowDetail>;

/** Lower-case words joined by `-`, at most 60 characters; never shaped like a UUID. */
export function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return slug.length >= 2 && !/^[0-9a-f]{8}-/.test(slug) ? slug : `workflow-${slug}`.replace(/-+$/, '');
}

const stringList = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x) => typeof x === 'string') : []);

function listItem(r: WorkflowListRow): WorkflowListItem {
  return {
    id: r.id,
    slug: r.slug,
    name: r.name,
    owner: { id: r.ownerId, username: r.ownerUsername, displayName: r.ownerDisplayName },
    tags: stringList(r.tags),
    severity: r.severity,
    killSwitch: r.killSwitch,
    createdAt: r.createdAt,
    publishedVersion: r.publishedNumber,
    latestVersion:
      r.latestNumber !== null && r.latestStatus !== null
        ? { number: r.latestNumber, status: r.latestStatus, savedAt: r.latestSavedAt }
        : null,
    lastRun:
      r.lastRunStatus !== null && r.lastRunAt !== null
        ? { status: r.lastRunStatus, at: r.lastRunAt, finishedAt: r.lastRunFinishedAt }
        : null,
  };
}

const SLUG_ATTEMPTS = 5;
/** Settings only the owner or an admin changes (auto-rollback with them: turning it off loosens). */
const LIMIT_KEYS = ['maxDestructivePerRun', 'maxDestructivePerHour', 'manualBaselineMinutes', 'autoRollback'] as const;

export function createWorkflowService(
  ctx: AppContext,
  connectors: ConnectorChecks = createConnectorChecks(),
  tests: TestRunSignal = NO_SIGNAL,
) {
  const { prisma } = ctx;

  /** Creates a workflow owned by the caller and its version 1. */
  async function create(actor: Actor, input: { document: unknown; changeNote?: string | undefined }) {
    const prepared = prepareDocument(input.document);
    prepared.problems.push(...(await connectors.problems(prepared.parsed)));
    const baseline = prepared.parsed?.metadata.manualBaselineMinutes;
    for (let attempt = 1; ; attempt++) {
      try {
        let queued = false;
        const created = await transaction(prisma, async (tx) => {
          const slug = await freeSlug(tx, slugify(prepared.name));
          const workflow = await insertWorkflow(tx, {
            slug,
            name: prepared.name,
            ownerId: actor.userId,
            manualBaselineMinutes: baseline === undefined ? null : Math.round(baseline),
          });
          const version = await insertVersion(tx, {
            workflowId: workflow.id,
            document: prepared.document,
            contentHash: prepared.contentHash,
            authorId: actor.userId,
            changeNote: input.changeNote ?? '',
          });
          const at = { afterHash: version.contentHash };
          await recordAudit(tx, {
            actor,
            action: 'workflow.created',
            targetType: 'workflow',
            targetId: workflow.id,
            ...at,
            details: { slug, name: workflow.name },
          });
          await recordAudit(tx, {
            actor,
            action: 'version.saved',
            targetType: 'workflow_version',
            targetId: version.id,
            ...at,
            details: { workflowId: workflow.id, number: 1, problems: prepared.problems.length },
          });
          queued = await queueTests(tx, version, actor.userId, new Date(ctx.clock.now()));
          return { workflow, ...savedView(true, version, prepared.problems) };
        });
        if (queued) tests.queued();
        return created;
      } catch (e) {
        // Another workflow took the same slug between our look-up and our insert.
        if (!isUniqueViolation(e) || attempt >= SLUG_ATTEMPTS) throw e;
      }
    }
  }

  async function list(actor: Actor, q: WorkflowListQuery): Promise<WorkflowListItem[]> {
    const ownerId = q.owner === 'me' ? actor.userId : q.owner;
    const rows = await listWorkflowRows(prisma, {
      ...(q.search ? { search: q.search } : {}),
      ...(q.status ? { status: q.status } : {}),
      ...(ownerId ? { ownerId } : {}),
      limit: q.limit ?? 100,
      offset: q.offset ?? 0,
    });
    return rows.map(listItem);
  }

  async function get(ref: string): Promise<WorkflowView> {
    const workflow = await workflowOrThrow(prisma, ref);
    const [published, latest] = await Promise.all([
      workflow.publishedVersionId ? findVersionById(prisma, workflow.publishedVersionId) : null,
      latestVersion(prisma, workflow.id),
    ]);
    return { ...workflow, published: published ? summaryOf(published) : null, latest };
  }

  /**
   * Kill switch (owner, reviewer, admin) and blast-radius limits (owner, admin), audited.
   * What tightens applies at once; what loosens is filed as a pending change that a
   * reviewer or admin other than the caller must approve (issue 14 §6): the answer shows
   * the settings in force.
   */
  async function updateSettings(
    actor: Actor,
    ref: string,
    input: WorkflowSettings & { reason?: string | undefined },
  ): Promise<WorkflowView> {
    const { reason, ...changes } = input;
    const { killSwitch } = changes;
    const limits = LIMIT_KEYS.some((k) => changes[k] !== undefined);
    if (killSwitch === undefined && !limits) {
      throw new ValidationError('nothing to change', [{ path: 'body', message: 'name at least one setting' }]);
    }
    await transaction(prisma, async (tx) => {
      const before = await workflowOrThrow(tx, ref);
      if (limits) assertCanEdit(actor, before);
      if (killSwitch !== undefined) assertCanFlipKillSwitch(actor, before);
      const { now, later } = splitSettings(before, changes);
      if (Object.keys(later).length > 0) await fileSettingsChange(tx, actor, before, later, reason ?? '');
      if (Object.keys(now).length === 0) return;
      const after = await updateWorkflowSettings(tx, before.id, now);
      const target = { targetType: 'workflow', targetId: before.id } as const;
      if (now.killSwitch !== undefined && now.killSwitch !== before.killSwitch) {
        const action = now.killSwitch ? 'workflow.kill_switch_engaged' : 'workflow.kill_switch_released';
        const why = reason?.trim() ? { reason: reason.trim() } : {};
        await recordAudit(tx, { actor, action, ...target, details: { killSwitch: now.killSwitch, ...why } });
      }
      const keys = LIMIT_KEYS.filter((k) => now[k] !== undefined && before[k] !== after[k]);
      if (keys.length > 0) {
        const pick = (w: WorkflowRow) => Object.fromEntries(keys.map((k) => [k, w[k]]));
        const details = { before: pick(before), after: pick(after) };
        await recordAudit(tx, { actor, action: 'workflow.settings_changed', ...target, details });
      }
    });
    return get(ref);
  }

  return { create, list, get, updateSettings };
}

export type WorkflowService = ReturnType<typeof createWorkflowService>;
export type { SavedVersion };
