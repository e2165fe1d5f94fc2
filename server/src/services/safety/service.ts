import { createHash } from 'node:crypto';
import type { AppContext } from '../../context';
import type { Actor, CreateSafetyEntry, UpdateSafetyEntry } from '@autonomic/api';
import { ConflictError, NotFoundError, ValidationError } from '../../errors';
import { transaction, type Db } from '../../store/db';
import { findAssetForShare } from '../../store/assets';
import {
  deleteSafetyEntry,
  findSafetyEntry,
  insertSafetyEntry,
  listSafetyEntries,
  updateSafetyEntry,
  upsertSafetyEntry,
  type SafetyEntryData,
  type SafetyEntryRow,
} from '../../store/safety-entries';
import { recordAudit } from '../audit';
import { safetyEntriesFromCsv, safetyEntriesToCsv } from './csv';
import { normalizeValue, valueProblem } from './entry-value';
import type { CachedSafetySource } from './source';

export interface SafetyService {
  list(filter?: Partial<Pick<SafetyEntryRow, 'list' | 'kind'>>): Promise<SafetyEntryRow[]>;
  create(input: CreateSafetyEntry, actor: Actor): Promise<SafetyEntryRow>;
  update(id: string, patch: UpdateSafetyEntry, actor: Actor): Promise<SafetyEntryRow>;
  remove(id: string, actor: Actor): Promise<void>;
  /** All rows or none: a bad row is a ValidationError naming its row and column. */
  importCsv(csv: string, actor: Actor): Promise<{ created: number; updated: number; rows: number }>;
  exportCsv(): Promise<{ filename: string; lines: Iterable<string> }>;
}

const data = (e: SafetyEntryData): SafetyEntryData => ({
  list: e.list,
  kind: e.kind,
  value: normalizeValue(e.kind, e.value),
  criticality: e.criticality,
  reason: e.reason,
  owner: e.owner ?? null,
  assetId: e.assetId ?? null,
});

/** A digest of the entry's content for the audit line's before/after. */
const digest = (e: SafetyEntryData) =>
  `sha256:${createHash('sha256')
    .update(JSON.stringify(data(e)))
    .digest('hex')}`;
const summary = (e: SafetyEntryData) => ({
  list: e.list,
  kind: e.kind,
  value: e.value,
  criticality: e.criticality,
  ...(e.assetId ? { assetId: e.assetId } : {}),
});
/** The value checked against its kind; the error names `body.value`, the field the caller sent. */
function checkValue(e: SafetyEntryData): void {
  const problem = valueProblem(e.kind, e.value);
  if (problem) throw new ValidationError('invalid safety entry', [{ path: 'body.value', message: problem }]);
}
const duplicate = (e: SafetyEntryData) =>
  new ConflictError(`"${e.value}" is already on the ${e.list} list as a ${e.kind}`, 'duplicate_entry');

const assetProblem = (message: string) =>
  new ValidationError('invalid safety entry', [{ path: 'body.assetId', message }]);

/**
 * The kind and value an entry referring to `assetId` takes: the asset's. A kind or value
 * also given must agree with the asset's (compared in stored form).
 */
async function fromAsset(
  tx: Db,
  assetId: string,
  given: { kind?: SafetyEntryData['kind'] | undefined; value?: string | undefined },
): Promise<Pick<SafetyEntryData, 'kind' | 'value' | 'assetId'>> {
  const asset = await findAssetForShare(tx, assetId);
  if (!asset) throw assetProblem(`no asset ${assetId}`);
  const kindDiffers = given.kind !== undefined && given.kind !== asset.kind;
  const valueDiffers = given.value !== undefined && normalizeValue(asset.kind, given.value) !== asset.value;
  if (kindDiffers || valueDiffers)
    throw assetProblem(`the asset is ${asset.kind} "${asset.value}": the kind and value given disagree with it`);
  return { kind: asset.kind, value: asset.value, assetId: asset.id };
}

/**
 * Admin use-cases over the safety lists. Every change is audited in its transaction and
 * invalidates the source's cache, so the next safety check in this process sees it.
 */
export function createSafetyService(ctx: AppContext, source: CachedSafetySource): SafetyService {
  async function change<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } finally {
      source.invalidate();
    }
  }

  return {
    list: (filter) => listSafetyEntries(ctx.prisma, filter),
    create: (input, actor) =>
      change(() =>
        transaction(ctx.prisma, async (tx) => {
          const { assetId, kind, value, ...rest } = input;
          let target: Pick<SafetyEntryData, 'kind' | 'value' | 'assetId'>;
          if (assetId) target = await fromAsset(tx, assetId, { kind, value });
          else if (kind && value) target = { kind, value, assetId: null };
          // The contract requires kind and value without an assetId; a caller bypassing it gets the same answer.
          else
            throw new ValidationError('invalid safety entry', [{ path: 'body.value', message: 'a value is required' }]);
          const entry = data({ ...rest, ...target, owner: input.owner ?? null });
          checkValue(entry);
          const row = await insertSafetyEntry(tx, { ...entry, createdById: actor.userId });
          if (!row) throw duplicate(entry);
          await recordAudit(tx, {
            actor,
            action: 'safety.entry_created',
            targetType: 'safety_entry',
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
          const before = await findSafetyEntry(tx, id);
          if (!before) throw new NotFoundError('safety entry');
          const { assetId, ...fields } = patch;
          // Referring to an asset (now or still): the kind and value are the asset's; null detaches.
          const refersTo = assetId === undefined ? before.assetId : assetId;
          const target = refersTo
            ? await fromAsset(tx, refersTo, { kind: fields.kind, value: fields.value })
            : { assetId: null };
          const merged = data({
            ...before,
            ...fields,
            ...target,
            owner: patch.owner === undefined ? before.owner : patch.owner,
          });
          checkValue(merged);
          const row = await updateSafetyEntry(tx, id, merged);
          if (!row) throw duplicate(merged);
          await recordAudit(tx, {
            actor,
            action: 'safety.entry_updated',
            targetType: 'safety_entry',
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
          const before = await findSafetyEntry(tx, id);
          if (!before) throw new NotFoundError('safety entry');
          await deleteSafetyEntry(tx, id);
          await recordAudit(tx, {
            actor,
            action: 'safety.entry_deleted',
            targetType: 'safety_entry',
            targetId: id,
            beforeHash: digest(before),
            details: summary(before),
          });
        }),
      ),
    async importCsv(csv, actor) {
      // Parsed and checked in full before the transaction: a bad row stores nothing.
      const rows = safetyEntriesFromCsv(csv);
      return change(() =>
        transaction(ctx.prisma, async (tx) => {
          let created = 0;
          for (const r of rows) if (await upsertSafetyEntry(tx, { ...r, createdById: actor.userId })) created += 1;
          const counts = { created, updated: rows.length - created, rows: rows.length };
          await recordAudit(tx, {
            actor,
            action: 'safety.imported',
            targetType: 'safety_entry',
            targetId: 'lists',
            details: counts,
          });
          return counts;
        }),
      );
    },
    async exportCsv() {
      const rows = await listSafetyEntries(ctx.prisma);
      const day = new Date(ctx.clock.now()).toISOString().slice(0, 10);
      return { filename: `safety-lists-${day}.csv`, lines: safetyEntriesToCsv(rows) };
    },
  };
}
