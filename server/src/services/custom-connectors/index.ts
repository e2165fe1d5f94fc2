/**
 * Admins' own connectors: definitions added through the API, one immutable version at a
 * time, each newer (semver) than every stored version of its id. A version with a
 * destructive action waits for another person's review (a reviewer or another admin)
 * before it is installed; the others are installed at once. A version leaves only when no
 * stored workflow version pins it. Every change is audited (the definition's hash, never a
 * credential: definitions hold none) and reaches the catalog before the request answers.
 */
import { ConnectorDefinition, hashOfCanonical } from '@autonomic/workflow';
import type { Actor, CustomConnectorVersion } from '@autonomic/api';
import type { z } from 'zod';
import type { AppContext } from '../../context';
import { compareSemVer, type LiveConnectorCatalog, type StoredConnector } from '../../connectors/catalog';
import { CONNECTORS } from '../../connectors/registry';
import { AppError, ConflictError, NotFoundError, ValidationError } from '../../errors';
import * as store from '../../store/custom-connectors';
import { transaction } from '../../store/db';
import { recordAudit } from '../audit';
import { runtimeProblems } from './checks';

type View = z.input<typeof CustomConnectorVersion>;

export interface CustomConnectorService {
  /** Stores a new version: installed, or `pending_review` when an action is destructive. */
  create(definition: ConnectorDefinition, actor: Actor): Promise<View>;
  approve(id: string, version: string, actor: Actor): Promise<View>;
  reject(id: string, version: string, actor: Actor): Promise<View>;
  /** 409 `connector_version_pinned` while a stored workflow version pins it. */
  remove(id: string, version: string, actor: Actor): Promise<void>;
}

export interface CustomConnectorDeps {
  /** Invalidated and refreshed after each change. */
  catalog: Pick<LiveConnectorCatalog, 'invalidate' | 'refresh'>;
  /** @default the shipped connectors */
  builtins?: readonly ConnectorDefinition[];
}

const TARGET = 'custom_connector';

/** The actions a review is about. */
export const destructiveActions = (def: ConnectorDefinition): string[] =>
  Object.entries(def.actions)
    .filter(([, a]) => a.effect === 'destructive')
    .map(([id]) => id);

/** sha-256 of the definition's JSON with sorted keys: the audit log names exactly what was added or reviewed. */
export const definitionHash = (def: ConnectorDefinition): string => hashOfCanonical(JSON.stringify(sorted(def)));

function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries.map(([k, v]) => [k, sorted(v)]));
}

/** A stored row parsed again; undefined (logged by the caller) when it no longer parses. */
export function parseStored(row: store.CustomConnectorRow): ConnectorDefinition | undefined {
  const parsed = ConnectorDefinition.safeParse(row.definition);
  return parsed.success ? parsed.data : undefined;
}

export function versionView(row: store.CustomConnectorRow, def: ConnectorDefinition | undefined): View {
  return {
    connectorId: row.connectorId,
    version: row.version,
    status: row.status,
    destructiveActions: def ? destructiveActions(def) : [],
    createdById: row.createdById,
    createdAt: row.createdAt,
    reviewedById: row.reviewedById,
    reviewedAt: row.reviewedAt,
  };
}

/** Every stored version the catalog can use (rows that no longer parse are logged and left out). */
export async function loadStoredConnectors(ctx: AppContext): Promise<StoredConnector[]> {
  const rows = await store.listCustomConnectorVersions(ctx.prisma);
  return rows.flatMap((row) => {
    const definition = parseStored(row);
    if (!definition)
      ctx.log.error({ connector: row.connectorId, version: row.version }, 'a stored connector does not parse');
    return definition ? [{ definition, status: row.status }] : [];
  });
}

export function createCustomConnectorService(ctx: AppContext, deps: CustomConnectorDeps): CustomConnectorService {
  const builtinIds = new Set((deps.builtins ?? CONNECTORS).map((d) => d.id));
  const now = () => new Date(ctx.clock.now());
  const changed = async () => {
    deps.catalog.invalidate();
    await deps.catalog.refresh();
  };

  async function review(id: string, version: string, actor: Actor, to: 'installed' | 'rejected'): Promise<View> {
    const view = await transaction(ctx.prisma, async (tx) => {
      const row = await store.findCustomConnectorVersion(tx, id, version);
      if (!row) throw new NotFoundError(`connector ${id} ${version}`);
      if (row.createdById === actor.userId) {
        throw new AppError(403, 'self_approval', `you added ${id} ${version}: another person must review it`);
      }
      if (row.status !== 'pending_review') {
        throw new ConflictError(
          `${id} ${version} is not awaiting review (it is ${row.status})`,
          'connector_not_pending',
        );
      }
      const reviewed = await store.reviewCustomConnectorVersion(
        tx,
        { connectorId: id, version },
        { to, reviewedById: actor.userId, at: now() },
      );
      if (!reviewed) throw new ConflictError(`${id} ${version} was reviewed meanwhile`, 'connector_not_pending');
      const def = parseStored(reviewed);
      await recordAudit(tx, {
        actor,
        action: to === 'installed' ? 'connector.approved' : 'connector.rejected',
        targetType: TARGET,
        targetId: id,
        afterHash: def ? definitionHash(def) : null,
        details: { version, status: to, destructiveActions: def ? destructiveActions(def) : [] },
      });
      return versionView(reviewed, def);
    });
    await changed();
    return view;
  }

  return {
    async create(definition, actor) {
      const problems = runtimeProblems(definition);
      if (problems.length > 0) throw new ValidationError('invalid connector definition', problems);
      const { id, version } = definition;
      if (builtinIds.has(id)) {
        throw new ConflictError(`${id} is a built-in connector: choose another id`, 'connector_builtin');
      }
      const destructive = destructiveActions(definition);
      const status = destructive.length > 0 ? 'pending_review' : 'installed';
      const view = await transaction(ctx.prisma, async (tx) => {
        await store.lockConnectorId(tx, id);
        const stored = await store.listCustomConnectorVersions(tx, { connectorId: id });
        if (stored.some((r) => r.version === version)) {
          throw new ConflictError(`${id} ${version} exists: versions are immutable`, 'connector_version_exists');
        }
        const newest = stored
          .map((r) => r.version)
          .sort(compareSemVer)
          .at(-1);
        if (newest !== undefined && compareSemVer(version, newest) <= 0) {
          throw new ConflictError(
            `${id} ${version} is not newer than ${newest}, the latest stored version`,
            'connector_version_not_newer',
          );
        }
        const row = await store.insertCustomConnectorVersion(tx, {
          connectorId: id,
          version,
          definition,
          status,
          createdById: actor.userId,
        });
        if (!row)
          throw new ConflictError(`${id} ${version} exists: versions are immutable`, 'connector_version_exists');
        await recordAudit(tx, {
          actor,
          action: 'connector.created',
          targetType: TARGET,
          targetId: id,
          afterHash: definitionHash(definition),
          details: { version, status, destructiveActions: destructive },
        });
        return versionView(row, definition);
      });
      await changed();
      return view;
    },

    approve: (id, version, actor) => review(id, version, actor, 'installed'),
    reject: (id, version, actor) => review(id, version, actor, 'rejected'),

    async remove(id, version, actor) {
      await transaction(ctx.prisma, async (tx) => {
        await store.lockConnectorId(tx, id);
        const row = await store.findCustomConnectorVersion(tx, id, version);
        if (!row) throw new NotFoundError(`connector ${id} ${version}`);
        const pins = await store.workflowVersionsPinning(tx, id, version);
        if (pins.length > 0) {
          const which = [...new Set(pins.map((p) => `${p.slug} v${p.number}`))];
          throw new ConflictError(
            `${id} ${version} is pinned by ${which.length} workflow version(s): ${which.slice(0, 10).join(', ')}${which.length > 10 ? ', …' : ''}`,
            'connector_version_pinned',
          );
        }
        await store.deleteCustomConnectorVersion(tx, id, version);
        const def = parseStored(row);
        await recordAudit(tx, {
          actor,
          action: 'connector.deleted',
          targetType: TARGET,
          targetId: id,
          beforeHash: def ? definitionHash(def) : null,
          details: { version, status: row.status },
        });
      });
      await changed();
    },
  };
}
