/** Immutable versions: save (a new version only for new content), list, read, diff. */
import {
  diffWorkflows,
  withConnectorFit,
  type Problem,
  type WorkflowDiff,
  type WorkflowDocument,
} from '@autonomic/workflow';
import type { AppContext } from '../../context';
import type { Actor, SavedVersion as SavedVersionSchema, VersionDetail as VersionDetailSchema } from '@autonomic/api';
import type { z } from 'zod';
import { AppError } from '../../errors';
import { transaction } from '../../store/db';
import {
  findVersionByHash,
  getPublishedVersion,
  insertVersion,
  latestVersion,
  listVersions,
  type VersionRecord,
  type VersionSummary,
} from '../../store/versions';
import { reviewsOfVersion } from '../../store/versions-reviews';
import { withVerdicts, type ListedVersion } from './rollback-view';
import { lockWorkflow, renameWorkflow } from '../../store/workflows';
import { recordAudit } from '../audit';
import { assertCanEdit } from './access';
import { createConnectorChecks, type ConnectorChecks } from './connector-checks';
import { emptyLike, loadStored, prepareDocument, problemDetails } from './documents';
import { reviewSummary } from './review-policy';
import { queueTests, type TestRunSignal } from './test-runs';
import { versionOrThrow, workflowAndVersion, workflowOrThrow } from './lookup';

/** What `save` answers: the contract's `SavedVersion`, dates as `Date`. */
export type SavedVersion = z.input<typeof SavedVersionSchema>;
/** What `get` answers: the contract's `VersionDetail`, dates as `Date`. */
export type VersionDetail = z.input<typeof VersionDetailSchema>;

export function summaryOf({ document: _document, ...summary }: VersionRecord): VersionSummary {
  return summary;
}

export function savedView(created: boolean, version: VersionRecord, problems: Problem[]): SavedVersion {
  return { created, version: summaryOf(version), problems };
}

/** The parsed document of a version, or a 409 naming its problems (a draft the schema refuses). */
export function parsedOrThrow(version: VersionRecord): WorkflowDocument {
  const { parsed, problems } = loadStored(version.document);
  if (parsed) return parsed;
  throw new AppError(
    409,
    'version_invalid',
    `version ${version.number} is not a valid document`,
    problemDetails(problems),
  );
}

/** No runner to tell (a queued run waits for the next runner's poll). */
export const NO_SIGNAL: TestRunSignal = { queued: () => {} };

export function createVersionService(
  ctx: AppContext,
  connectors: ConnectorChecks = createConnectorChecks(),
  tests: TestRunSignal = NO_SIGNAL,
) {
  const { prisma } = ctx;

  /** Saves a new version of the workflow, or answers the existing one with the same content hash. */
  async function save(
    actor: Actor,
    ref: string,
    input: { document: unknown; changeNote?: string | undefined },
  ): Promise<SavedVersion> {
    // Permission before validation: a caller who may not edit learns nothing from the validator.
    assertCanEdit(actor, await workflowOrThrow(prisma, ref));
    const prepared = prepareDocument(input.document);
    prepared.problems.push(...(await connectors.problems(prepared.parsed)));
    let queued = false;
    const saved = await transaction(prisma, async (tx) => {
      const workflow = await workflowOrThrow(tx, ref);
      assertCanEdit(actor, workflow);
      await lockWorkflow(tx, workflow.id);
      const existing = await findVersionByHash(tx, workflow.id, prepared.contentHash);
      if (existing) return savedView(false, existing, prepared.problems);
      const previous = await latestVersion(tx, workflow.id);
      const version = await insertVersion(tx, {
        workflowId: workflow.id,
        document: prepared.document,
        contentHash: prepared.contentHash,
        authorId: actor.userId,
        changeNote: input.changeNote ?? '',
      });
      if (prepared.name !== workflow.name) await renameWorkflow(tx, workflow.id, prepared.name);
      await recordAudit(tx, {
        actor,
        action: 'version.saved',
        targetType: 'workflow_version',
        targetId: version.id,
        beforeHash: previous?.contentHash ?? null,
        afterHash: version.contentHash,
        details: { workflowId: workflow.id, number: version.number, problems: prepared.problems.length },
      });
      // The new content's test cases run in the background, queued with the version itself.
      queued = await queueTests(tx, version, actor.userId, new Date(ctx.clock.now()));
      return savedView(true, version, prepared.problems);
    });
    if (queued) tests.queued();
    return saved;
  }

  async function list(ref: string): Promise<ListedVersion[]> {
    const workflow = await workflowOrThrow(prisma, ref);
    return withVerdicts(prisma, await listVersions(prisma, workflow.id));
  }

  async function get(ref: string, number: number): Promise<VersionDetail> {
    const { version } = await workflowAndVersion(prisma, ref, number);
    const { parsed, problems } = loadStored(version.document);
    problems.push(...(await connectors.problems(parsed)));
    const reviews = await reviewsOfVersion(prisma, version.id);
    return { ...version, problems, reviews: reviews.map((r) => reviewSummary(r, version.contentHash)) };
  }

  /**
   * The semantic diff between two versions. `from: 'published'` compares with the
   * published version, or with an empty workflow when nothing is published.
   */
  async function diff(ref: string, from: number | 'published', to: number) {
    const workflow = await workflowOrThrow(prisma, ref);
    const target = await versionOrThrow(prisma, workflow.id, to);
    const after = parsedOrThrow(target);
    let before: { number: number | null; contentHash: string | null; document: WorkflowDocument };
    if (from === 'published') {
      const p = await getPublishedVersion(prisma, workflow.id);
      before = p ? p : { number: null, contentHash: null, document: emptyLike(after) };
    } else {
      const v = await versionOrThrow(prisma, workflow.id, from);
      before = { number: v.number, contentHash: v.contentHash, document: parsedOrThrow(v) };
    }
    const plain: WorkflowDiff = diffWorkflows(before.document, after);
    // Whether each re-pinned connector step still fits the version it now pins: only the catalog knows.
    const result = plain.connectors.length > 0 ? withConnectorFit(plain, await connectors.problems(after)) : plain;
    return {
      from: { number: before.number, contentHash: before.contentHash },
      to: { number: target.number, contentHash: target.contentHash },
      diff: result,
    };
  }

  return { save, list, get, diff };
}

export type VersionService = ReturnType<typeof createVersionService>;
