/**
 * Connector upgrades through review: where each installed version of a connector is used
 * (the published and latest version of every workflow), and an upgrade that re-pins a
 * workflow's steps to another installed version as a new draft. Never automatic: the
 * draft goes through the normal review, whose diff names the re-pin and its risk.
 */
import type { Actor, ConnectorUpgradeResult, ConnectorUsages } from '@autonomic/api';
import { SemVer } from '@autonomic/workflow';
import type { z } from 'zod';
import type { AppContext } from '../../context';
import { compareSemVer, versionsOf } from '../../connectors/catalog';
import { AppError, ConflictError, NotFoundError } from '../../errors';
import { connectorStepUses, type ConnectorStepUse } from '../../store/connector-usages';
import { transaction } from '../../store/db';
import { findVersionByHash, insertVersion, latestVersion } from '../../store/versions';
import { lockWorkflow } from '../../store/workflows';
import { recordAudit } from '../audit';
import type { ConnectorCatalog } from '../contracts';
import { assertCanEdit } from '../workflows/access';
import type { ConnectorChecks } from '../workflows/connector-checks';
import { prepareDocument } from '../workflows/documents';
import { versionOrThrow, workflowOrThrow } from '../workflows/lookup';
import { queueTests } from '../workflows/test-runs';
import { parsedOrThrow, savedView } from '../workflows/versions';
import { planUpgrade, type UpgradeRequest } from './plan';

type Usages = z.input<typeof ConnectorUsages>;
type Usage = Usages['versions'][number]['usages'][number];
type UpgradeResult = z.input<typeof ConnectorUpgradeResult>;

export interface ConnectorUpgradeService {
  /** 404 when no version of the connector is installed. */
  usages(actor: Actor, connectorId: string): Promise<Usages>;
  /** A new draft from the latest version; see `planUpgrade` for what is refused. */
  upgrade(actor: Actor, workflowRef: string, request: UpgradeRequest): Promise<UpgradeResult>;
}

export interface ConnectorUpgradeDeps {
  /** The installed connectors (refreshed before each read). */
  catalog: ConnectorCatalog;
  /** The problems the saved draft shows, as a save reports them. */
  checks: ConnectorChecks;
}

export function createConnectorUpgradeService(ctx: AppContext, deps: ConnectorUpgradeDeps): ConnectorUpgradeService {
  const { prisma } = ctx;
  const { catalog, checks } = deps;

  return {
    async usages(actor, connectorId) {
      await catalog.refresh?.();
      const installed = versionsOf(catalog, connectorId);
      const newestVersion = installed.at(-1);
      if (newestVersion === undefined) throw new NotFoundError(`connector ${connectorId}`);
      const uses = await connectorStepUses(prisma, connectorId);
      // A pinned version that is not installed (removed, awaiting review, mistyped in a draft) is shown too.
      const pinned = uses.map((u) => u.version).filter((v) => SemVer.safeParse(v).success);
      const versions = [...new Set([...installed, ...pinned])].sort(compareSemVer);
      return {
        connectorId,
        newestVersion,
        versions: versions.map((version) => ({
          version,
          installed: installed.includes(version),
          usages: group(
            actor,
            uses.filter((u) => u.version === version),
          ),
        })),
      };
    },

    async upgrade(actor, workflowRef, request) {
      // Permission first: a caller who may not edit learns nothing about connectors or steps.
      assertCanEdit(actor, await workflowOrThrow(prisma, workflowRef));
      await catalog.refresh?.();
      if (versionsOf(catalog, request.connector).length === 0) {
        throw new NotFoundError(`connector ${request.connector}`);
      }
      const def = catalog.get(request.connector, request.toVersion);
      if (!def) throw new NotFoundError(`connector ${request.connector} ${request.toVersion}`);

      const workflow = await workflowOrThrow(prisma, workflowRef);
      const latest = await latestVersion(prisma, workflow.id);
      if (!latest) throw new AppError(409, 'no_version', 'the workflow has no version to upgrade');
      const from = await versionOrThrow(prisma, workflow.id, latest.number);
      const plan = planUpgrade(parsedOrThrow(from), request, def);
      const prepared = prepareDocument(plan.document);
      prepared.problems.push(...(await checks.problems(prepared.parsed)));
      const steps = plan.upgraded.map((u) => u.stepId);

      return transaction(prisma, async (tx) => {
        assertCanEdit(actor, await workflowOrThrow(tx, workflow.id));
        await lockWorkflow(tx, workflow.id);
        const now = await latestVersion(tx, workflow.id);
        if (now?.number !== latest.number) {
          throw new ConflictError(`version ${now?.number ?? '?'} was saved meanwhile: upgrade again from it`);
        }
        const existing = await findVersionByHash(tx, workflow.id, prepared.contentHash);
        if (existing) return { ...savedView(false, existing, prepared.problems), upgraded: plan.upgraded };
        const version = await insertVersion(tx, {
          workflowId: workflow.id,
          document: prepared.document,
          contentHash: prepared.contentHash,
          authorId: actor.userId,
          changeNote: `Upgrade ${request.connector} to ${request.toVersion} (steps: ${steps.join(', ')})`,
        });
        const audit = { actor, targetType: 'workflow_version', targetId: version.id };
        await recordAudit(tx, {
          ...audit,
          action: 'version.saved',
          beforeHash: from.contentHash,
          afterHash: version.contentHash,
          details: { workflowId: workflow.id, number: version.number, problems: prepared.problems.length },
        });
        await recordAudit(tx, {
          ...audit,
          action: 'version.connector_upgraded',
          beforeHash: from.contentHash,
          afterHash: version.contentHash,
          details: {
            workflowId: workflow.id,
            fromNumber: from.number,
            number: version.number,
            connector: request.connector,
            toVersion: request.toVersion,
            steps: plan.upgraded,
          },
        });
        // The re-pinned version's test cases run in the background, as any saved version's.
        await queueTests(tx, version, actor.userId, new Date(ctx.clock.now()));
        return { ...savedView(true, version, prepared.problems), upgraded: plan.upgraded };
      });
    },
  };
}

/** The steps of one connector version, one entry per workflow version. */
function group(actor: Actor, uses: readonly ConnectorStepUse[]): Usage[] {
  const byVersion = new Map<string, Usage>();
  for (const u of uses) {
    const key = `${u.workflowId}#${u.number}`;
    const entry = byVersion.get(key) ?? {
      workflowId: u.workflowId,
      slug: u.slug,
      name: u.name,
      number: u.number,
      status: u.status,
      published: u.published,
      latest: u.latest,
      steps: [],
      // The rule of `assertCanEdit`: the owner or an admin.
      canEdit: actor.role === 'admin' || actor.userId === u.ownerId,
    };
    entry.steps.push({ stepId: u.stepId, action: u.action });
    byVersion.set(key, entry);
  }
  return [...byVersion.values()];
}
