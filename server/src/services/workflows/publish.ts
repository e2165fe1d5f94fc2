/**
 * Publishing: the published version is the one triggers run. Only an approved version
 * (or one published before, hence approved then) can be published; publishing an older
 * one is a rollback. The pointer, both statuses and the audit lines commit together.
 */
import type { AppContext } from '../../context';
import type { Actor, PublishResult as PublishResultSchema } from '@autonomic/api';
import type { z } from 'zod';
import { AppError, ConflictError, ForbiddenError } from '../../errors';
import { transaction } from '../../store/db';
import { findVersionById, setVersionStatus } from '../../store/versions';
import { hasApproved } from '../../store/versions-reviews';
import { lockWorkflow, setPublishedVersion } from '../../store/workflows';
import { markPublished } from '../../store/rollback';
import { recordAudit } from '../audit';
import { assertPoliciesHold } from '../policies';
import { credentialsUsedBy, failingCredentials, type FailingCredential } from '../credentials/probe-usage';
import { createConnectorChecks, type ConnectorChecks } from './connector-checks';
import { loadStored, problemDetails } from './documents';
import { versionOrThrow, workflowOrThrow } from './lookup';
import { summaryOf } from './versions';

/** What `publish` answers: the contract's `PublishResult`, dates as `Date`. */
export type PublishResult = z.input<typeof PublishResultSchema>;

const PUBLISHABLE = new Set(['approved', 'retired']);

export interface PublishOptions {
  /** Publish although a credential the version uses failed its latest probe; the reason is audited. */
  override?: { reason: string };
}

const failureDetails = (failing: readonly FailingCredential[]) =>
  failing.map((f) => ({
    name: f.name,
    connectorId: f.connectorId,
    probedAt: f.at.toISOString(),
    status: f.status,
    message: f.message,
  }));

export function createPublishService(ctx: AppContext, connectors: ConnectorChecks = createConnectorChecks()) {
  const { prisma } = ctx;

  async function publish(
    actor: Actor,
    ref: string,
    number: number,
    options: PublishOptions = {},
  ): Promise<PublishResult> {
    return transaction(prisma, async (tx) => {
      const { id } = await workflowOrThrow(tx, ref);
      await lockWorkflow(tx, id);
      // Read again under the lock: another publish may have moved the pointer meanwhile.
      const workflow = await workflowOrThrow(tx, id);
      const version = await versionOrThrow(tx, workflow.id, number);
      if (workflow.publishedVersionId === version.id) {
        throw new ConflictError(`version ${number} is already published`, 'already_published');
      }
      if (!PUBLISHABLE.has(version.status)) {
        throw new ConflictError(
          `version ${number} is ${version.status}: only an approved version can be published`,
          'not_approved',
        );
      }
      const mayPublish =
        actor.role === 'admin' ||
        actor.userId === workflow.ownerId ||
        (await hasApproved(tx, version.id, version.contentHash, actor.userId));
      if (!mayPublish) throw new ForbiddenError('only the owner, an admin or a reviewer who approved it may publish');
      // Approved earlier, but the connector version or a credential may have gone since.
      const problems = await connectors.problems(loadStored(version.document).parsed);
      if (problems.length > 0) {
        const message = `version ${number} has ${problems.length} connector problem(s) and cannot be published`;
        throw new AppError(409, 'version_invalid', message, problemDetails(problems));
      }
      // Safety policies (issue 15 §2) hold or an admin waived them for this version. A version
      // published before (retired) goes back as it ran: a rollback is never held up here.
      if (version.status !== 'retired') await assertPoliciesHold(tx, workflow, version);

      const previous = workflow.publishedVersionId ? await findVersionById(tx, workflow.publishedVersionId) : null;
      const rolledBack = previous !== null && previous.number > version.number;
      // A credential that failed its latest probe would fail the run at that step. A rollback
      // goes back to what ran before and is not held up; a new version needs an override.
      const failing = await failingCredentials(tx, credentialsUsedBy(version.document));
      if (failing.length > 0 && !rolledBack && !options.override) {
        const list = failing.map((f) => `${f.name} (${f.message})`).join('; ');
        throw new AppError(
          409,
          'credential_failing',
          `version ${number} uses credentials that failed their latest health probe: ${list}`,
          failing.map((f) => ({ path: `credentials.${f.name}`, message: f.message })),
        );
      }
      const hashes = { beforeHash: previous?.contentHash ?? null, afterHash: version.contentHash };
      const details = { workflowId: workflow.id, number, previousNumber: previous?.number ?? null };
      if (previous) {
        await setVersionStatus(tx, previous.id, 'retired');
        await recordAudit(tx, {
          actor,
          action: 'version.retired',
          targetType: 'workflow_version',
          targetId: previous.id,
          ...hashes,
          details: { ...details, number: previous.number, replacedBy: number },
        });
      }
      await setPublishedVersion(tx, workflow.id, version.id);
      await setVersionStatus(tx, version.id, 'published');
      // When and over what: the rollback policy watches it from now (rollback.ts).
      await markPublished(tx, version.id, new Date(ctx.clock.now()), previous?.id ?? null);
      const action = rolledBack ? 'version.rolled_back' : 'version.published';
      await recordAudit(tx, {
        actor,
        action,
        targetType: 'workflow_version',
        targetId: version.id,
        ...hashes,
        details,
      });
      if (failing.length > 0) {
        await recordAudit(tx, {
          actor,
          action: 'version.published_with_failing_credentials',
          targetType: 'workflow_version',
          targetId: version.id,
          ...hashes,
          details: {
            ...details,
            rolledBack,
            reason: options.override?.reason ?? null,
            credentials: failureDetails(failing),
          },
        });
      }
      return {
        workflowId: workflow.id,
        published: { ...summaryOf(version), status: 'published' },
        retired: previous ? { ...summaryOf(previous), status: 'retired' } : null,
        rolledBack,
      };
    });
  }

  return { publish, rollback: publish };
}

export type PublishService = ReturnType<typeof createPublishService>;
