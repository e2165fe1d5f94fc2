import { createHash } from 'node:crypto';
import type { Actor, AssetLookup, AssetQuery, CreateAsset, UpdateAsset } from '@autonomic/api';
import type { AppContext } from '../../context';
import { ConflictError, NotFoundError, ValidationError } from '../../errors';
import { transaction, type Db } from '../../store/db';
import { safetyEntriesOfAsset, updateSafetyEntry } from '../../store/safety-entries';
import {
  allAssets,
  deleteAsset,
  findAsset,
  insertAsset,
  listAssets,
  updateAsset,
  upsertAsset,
  type AssetData,
  type AssetRow,
} from '../../store/assets';
import { recordAudit } from '../audit';
import type { CachedSafetySource } from '../safety';
import { normalizeValue, valueProblem } from '../safety/entry-value';
import { assetsFromCsv, assetsToCsv } from './rows';

export interface AssetService {
  list(query: AssetQuery): Promise<{ assets: AssetRow[]; next: string | null }>;
  create(input: CreateAsset, actor: Actor): Promise<AssetRow>;
  update(id: string, patch: UpdateAsset, actor: Actor): Promise<AssetRow>;
  remove(id: string, actor: Actor): Promise<void>;
  /** All rows or none: a bad row is a ValidationError naming its row and column. */
  importCsv(csv: string, actor: Actor): Promise<{ created: number; updated: number; rows: number }>;
  exportCsv(): Promise<{ filename: string; lines: Iterable<string> }>;
  /** What the safety lookup step answers, from the same source the engine uses. */
  lookup(target: { kind: AssetLookup['kind']; value: string }): Promise<AssetLookup>;
}

const data = (a: AssetData): AssetData => ({
  kind: a.kind,
  value: normalizeValue(a.kind, a.value),
  criticality: a.criticality,
  owner: a.owner || null,
  businessService: a.businessService || null,
  tags: [...new Set(a.tags)],
});
const digest = (a: AssetData) =>
  `sha256:${createHash('sha256')
    .update(JSON.stringify(data(a)))
    .digest('hex')}`;
const summary = (a: AssetData) => ({ kind: a.kind, value: a.value, criticality: a.criticality, owner: a.owner });

function checkValue(a: AssetData): void {
  const problem = valueProblem(a.kind, a.value);
  if (problem) throw new ValidationError('invalid asset', [{ path: 'body.value', message: problem }]);
}
const duplicate = (a: AssetData) => new ConflictError(`"${a.value}" is already an asset (${a.kind})`, 'conflict');

/**
 * The safety entries that refer to `asset` take its new kind and value (issue 14 §1), each
 * audited as an entry change. A collision with another entry of the same list is a 409.
 */
async function followAsset(tx: Db, asset: AssetRow, actor: Actor): Promise<void> {
  for (const before of await safetyEntriesOfAsset(tx, asset.id)) {
    if (before.kind === asset.kind && before.value === asset.value) continue;
    const { id, createdById: _by, createdAt: _at, ...entry } = before;
    const row = await updateSafetyEntry(tx, id, { ...entry, kind: asset.kind, value: asset.value });
    if (!row)
      throw new ConflictError(
        `safety entry ${id} follows this asset, and "${asset.value}" is already on the ${before.list} list as a ${asset.kind}`,
        'duplicate_entry',
      );
    const summary = (e: typeof before) => ({ list: e.list, kind: e.kind, value: e.value, assetId: asset.id });
    await recordAudit(tx, {
      actor,
      action: 'safety.entry_updated',
      targetType: 'safety_entry',
      targetId: id,
      details: { before: summary(before), after: summary(row), followedAsset: asset.id },
    });
  }
}

/**
 * Admin use-cases over the inventory. Every change is audited in its transaction and
 * invalidates the safety source, so the next lookup in this process sees it.
 */
export function createAssetService(ctx: AppContext, source: CachedSafetySource): AssetService {
  async function change<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } finally {
      source.invalidate();
    }
  }

  return {
    async list(query) {
      const { limit, after, ...filter } = query;
      const page = await listAssets(ctx.prisma, filter, { limit, ...(after ? { after } : {}) });
      const last = page.rows.at(-1);
      return { assets: page.rows, next: page.more && last ? last.id : null };
    },
    create: (input, actor) =>
      change(() =>
        transaction(ctx.prisma, async (tx) => {
          const asset = data({ ...input, owner: input.owner ?? null, businessService: input.businessService ?? null });
          checkValue(asset);
          const row = await insertAsset(tx, { ...asset, createdById: actor.userId });
          if (!row) throw duplicate(asset);
          await recordAudit(tx, {
            actor,
            action: 'asset.created',
            targetType: 'asset',
            targetId: row.id,
            afterHash: digest(row),
            details: summary(row),
          });
          return row;
        }),
      ),
    update: (id, patch, actor) =>
      change(() =>
        transaction(ctx.prisma, async (tx) => {
          const before = await findAsset(tx, id);
          if (!before) throw new NotFoundError('asset');
          const merged = data({
            kind: patch.kind ?? before.kind,
            value: patch.value ?? before.value,
            criticality: patch.criticality ?? before.criticality,
            owner: patch.owner === undefined ? before.owner : patch.owner,
            businessService: patch.businessService === undefined ? before.businessService : patch.businessService,
            tags: patch.tags ?? before.tags,
          });
          checkValue(merged);
          const row = await updateAsset(tx, id, merged);
          if (!row) throw duplicate(merged);
          await followAsset(tx, row, actor);
          await recordAudit(tx, {
            actor,
            action: 'asset.updated',
            targetType: 'asset',
            targetId: id,
            beforeHash: digest(before),
            afterHash: digest(row),
            details: { before: summary(before), after: summary(row) },
          });
          return row;
        }),
      ),
    remove: (id, actor) =>
      change(() =>
        transaction(ctx.prisma, async (tx) => {
          const before = await findAsset(tx, id);
          if (!before) throw new NotFoundError('asset');
          const entries = await safetyEntriesOfAsset(tx, id);
          if (entries.length > 0)
            throw new ConflictError(
              `safety entries refer to this asset: ${entries.map((e) => `${e.list} ${e.id}`).join(', ')}`,
              'asset_referenced',
            );
          await deleteAsset(tx, id);
          await recordAudit(tx, {
            actor,
            action: 'asset.deleted',
            targetType: 'asset',
            targetId: id,
            beforeHash: digest(before),
            details: summary(before),
          });
        }),
      ),
    async importCsv(csv, actor) {
      // Parsed and checked in full before the transaction: a bad row stores nothing.
      const rows = assetsFromCsv(csv);
      return change(() =>
        transaction(ctx.prisma, async (tx) => {
          let created = 0;
          for (const r of rows) if (await upsertAsset(tx, { ...r, createdById: actor.userId })) created += 1;
          const counts = { created, updated: rows.length - created, rows: rows.length };
          await recordAudit(tx, {
            actor,
            action: 'asset.imported',
            targetType: 'asset',
            targetId: 'inventory',
            details: counts,
          });
          return counts;
        }),
      );
    },
    async exportCsv() {
      const rows = await allAssets(ctx.prisma);
      const day = new Date(ctx.clock.now()).toISOString().slice(0, 10);
      return { filename: `assets-${day}.csv`, lines: assetsToCsv(rows) };
    },
    async lookup(target) {
      const port = source.port();
      if (!port.lookup) throw new Error('the safety source answers no lookups');
      return port.lookup(target);
    },
  };
}
