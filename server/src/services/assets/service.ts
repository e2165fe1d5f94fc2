import { createHash } from 'node:crypto';
import type { Actor, AssetLookup, AssetQuery, CreateAsset, UpdateAsset } from '@autonomic/api';
import type { AppContext } from '../../context';
import { ConflictError, NotFoundError, ValidationError } from '../../errors';
import { transaction } from '../../store/db';
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
