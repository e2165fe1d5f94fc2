/**
 * Safety lists: protected assets (never contained automatically) and auto-OK targets
 * (allowed without approval). Everyone signed in reads them; admins change them.
 */
import { z } from 'zod';
import { defineRoute } from '../contract';
import { Instant } from '../fields';

export const SafetyListName = z.enum(['protected', 'auto_ok']);
export type SafetyListName = z.infer<typeof SafetyListName>;
export const SafetyKind = z.enum(['ip', 'cidr', 'host', 'user', 'domain']);
export type SafetyKind = z.infer<typeof SafetyKind>;
export const CriticalityName = z.enum(['low', 'medium', 'high', 'critical']);
export type CriticalityName = z.infer<typeof CriticalityName>;

export const SafetyEntry = z.object({
  id: z.uuid(),
  list: SafetyListName,
  kind: SafetyKind,
  value: z.string(),
  criticality: CriticalityName,
  reason: z.string(),
  owner: z.string().nullable(),
  /** The asset the entry refers to: while set, kind and value are the asset's and follow its edits. */
  assetId: z.uuid().nullable(),
  createdById: z.uuid(),
  createdAt: Instant,
});
export type SafetyEntry = z.infer<typeof SafetyEntry>;

const fields = {
  list: SafetyListName,
  kind: SafetyKind,
  value: z.string().trim().min(1, 'a value is required').max(512),
  criticality: CriticalityName.default('medium'),
  reason: z.string().trim().min(1, 'a reason is required').max(500),
  owner: z.string().trim().max(128).nullable().optional(),
};

/**
 * POST body: `kind` and `value`, or `assetId` (the entry takes the asset's kind and value,
 * and follows the asset while it refers to it). Whether `value` is a valid `kind` (an
 * address, a CIDR block, a host name) is checked by the server, which answers 400 naming
 * `body.value`; an unknown asset, or a kind or value that disagrees with it, names `body.assetId`.
 */
export const CreateSafetyEntry = z
  .object({ ...fields, kind: fields.kind.optional(), value: fields.value.optional(), assetId: z.uuid().optional() })
  .strict()
  .superRefine((e, ctx) => {
    if (e.assetId) return;
    if (!e.kind) ctx.addIssue({ code: 'custom', path: ['kind'], message: 'a kind is required (or an assetId)' });
    if (!e.value) ctx.addIssue({ code: 'custom', path: ['value'], message: 'a value is required (or an assetId)' });
  });
export type CreateSafetyEntry = z.infer<typeof CreateSafetyEntry>;

/**
 * PATCH body: any field; the merged entry is checked again by the server. `assetId` refers
 * the entry to an asset (taking its kind and value); `null` detaches it, keeping its values.
 */
export const UpdateSafetyEntry = z
  .object({
    list: fields.list.optional(),
    kind: fields.kind.optional(),
    value: fields.value.optional(),
    criticality: CriticalityName.optional(),
    reason: fields.reason.optional(),
    owner: fields.owner,
    assetId: z.uuid().nullable().optional(),
  })
  .strict()
  .refine((p) => Object.keys(p).length > 0, 'nothing to change');
export type UpdateSafetyEntry = z.infer<typeof UpdateSafetyEntry>;

const IdParams = z.object({ id: z.uuid() });

/**
 * POST /safety/entries/import body: the CSV text as `{ csv }`, or the request sent as
 * `text/csv`. Header row `list,kind,value,criticality,reason,owner`; a row is matched by
 * list, kind and value (a known entry takes the row's criticality, reason and owner).
 */
export const ImportSafetyEntries = z.object({ csv: z.string().min(1, 'the CSV is empty').max(1_000_000) }).strict();
export type ImportSafetyEntries = z.infer<typeof ImportSafetyEntries>;

export const SafetyImportResult = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  rows: z.number().int(),
});
export type SafetyImportResult = z.infer<typeof SafetyImportResult>;

export const safetyApi = {
  list: defineRoute({
    method: 'get',
    path: '/safety/entries',
    summary: 'List protected assets and auto-OK targets',
    tag: 'safety',
    access: 'authenticated',
    query: z.object({ list: SafetyListName.optional(), kind: SafetyKind.optional() }),
    response: z.object({ entries: z.array(SafetyEntry) }),
  }),
  export: defineRoute({
    method: 'get',
    path: '/safety/entries/export',
    summary: 'Both lists as CSV (the import columns)',
    tag: 'safety',
    access: 'authenticated',
    produces: 'csv',
  }),
  import: defineRoute({
    method: 'post',
    path: '/safety/entries/import',
    summary:
      'Import safety entries from CSV (JSON { csv } or a text/csv body): all rows or none; upserts by list + kind + value',
    tag: 'safety',
    access: ['admin'],
    body: ImportSafetyEntries,
    response: SafetyImportResult,
  }),
  create: defineRoute({
    method: 'post',
    path: '/safety/entries',
    summary: 'Add an entry (applies to the next safety check)',
    tag: 'safety',
    access: ['admin'],
    body: CreateSafetyEntry,
    response: SafetyEntry,
    status: 201,
  }),
  update: defineRoute({
    method: 'patch',
    path: '/safety/entries/:id',
    summary: 'Change an entry',
    tag: 'safety',
    access: ['admin'],
    params: IdParams,
    body: UpdateSafetyEntry,
    response: SafetyEntry,
  }),
  remove: defineRoute({
    method: 'delete',
    path: '/safety/entries/:id',
    summary: 'Remove an entry',
    tag: 'safety',
    access: ['admin'],
    params: IdParams,
    status: 204,
  }),
};
