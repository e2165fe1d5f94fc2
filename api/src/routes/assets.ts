/**
 * The asset inventory: what a target is, how business-critical, who owns it, which
 * business service it serves. Everyone signed in reads it (analysts branch playbooks on
 * it, reviewers and managers see it in approvals); admins change it, one by one or by CSV.
 */
import { z } from 'zod';
import { defineRoute } from '../contract';
import { Instant } from '../fields';
import { CriticalityName, SafetyKind } from './safety';

export const Asset = z.object({
  id: z.uuid(),
  kind: SafetyKind,
  value: z.string(),
  criticality: CriticalityName,
  owner: z.string().nullable(),
  businessService: z.string().nullable(),
  tags: z.array(z.string()),
  createdById: z.uuid(),
  createdAt: Instant,
  updatedAt: Instant,
});
export type Asset = z.infer<typeof Asset>;

/** A tag: a short word (letters, digits, `-_.:/`), no `;` (the CSV's tag separator). */
export const AssetTag = z
  .string()
  .trim()
  .min(1, 'a tag is empty')
  .max(64)
  .regex(/^[\p{L}\p{N}_.:/-]+$/u, 'a tag is letters, digits and - _ . : / only');

const fields = {
  kind: SafetyKind,
  value: z.string().trim().min(1, 'a value is required').max(512),
  criticality: CriticalityName.default('medium'),
  owner: z.string().trim().max(128).nullable().optional(),
  businessService: z.string().trim().max(200).nullable().optional(),
  tags: z.array(AssetTag).max(50).default([]),
};

/** POST body. Whether `value` is a valid `kind` is checked by the server (400 naming `body.value`). */
export const CreateAsset = z.object(fields).strict();
export type CreateAsset = z.infer<typeof CreateAsset>;

/** PATCH body: any field; the merged asset is checked again. */
export const UpdateAsset = z
  .object({
    kind: fields.kind.optional(),
    value: fields.value.optional(),
    criticality: CriticalityName.optional(),
    owner: fields.owner,
    businessService: fields.businessService,
    tags: z.array(AssetTag).max(50).optional(),
  })
  .strict()
  .refine((p) => Object.keys(p).length > 0, 'nothing to change');
export type UpdateAsset = z.infer<typeof UpdateAsset>;

export const AssetQuery = z
  .object({
    /** Value, owner or business service containing it (any case), or a tag equal to it. */
    q: z.string().trim().max(200).optional(),
    kind: SafetyKind.optional(),
    owner: z.string().trim().max(128).optional(),
    businessService: z.string().trim().max(200).optional(),
    tag: z.string().trim().max(64).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
    /** The last id of the previous page. */
    after: z.uuid().optional(),
  })
  .strict();
export type AssetQuery = z.infer<typeof AssetQuery>;

export const AssetPage = z.object({ assets: z.array(Asset), next: z.uuid().nullable() });
export type AssetPage = z.infer<typeof AssetPage>;

/**
 * POST /assets/import body: the CSV text as `{ csv }`, or the request sent as `text/csv`.
 * Header row `kind,value,criticality,owner,business_service,tags`, tags `;`-separated.
 */
export const ImportAssets = z.object({ csv: z.string().min(1, 'the CSV is empty').max(1_000_000) }).strict();
export type ImportAssets = z.infer<typeof ImportAssets>;

export const ImportResult = z.object({ created: z.number().int(), updated: z.number().int(), rows: z.number().int() });
export type ImportResult = z.infer<typeof ImportResult>;

const LookupEntry = z.object({
  kind: SafetyKind,
  value: z.string(),
  criticality: CriticalityName,
  reason: z.string(),
  owner: z.string().nullable(),
});

/** What the safety lookup step answers for a target (the same, from the API). */
export const AssetLookup = z.object({
  target: z.string(),
  kind: z.enum(['ip', 'host', 'user']),
  found: z.boolean(),
  criticality: CriticalityName.nullable(),
  owner: z.string().nullable(),
  businessService: z.string().nullable(),
  tags: z.array(z.string()),
  protected: z.boolean(),
  protectedEntry: LookupEntry.optional(),
  autoOk: z.boolean(),
  autoOkEntry: LookupEntry.optional(),
});
export type AssetLookup = z.infer<typeof AssetLookup>;

const IdParams = z.object({ id: z.uuid() });
const TAG = 'assets';

export const assetsApi = {
  list: defineRoute({
    method: 'get',
    path: '/assets',
    summary: 'Search the asset inventory (value, owner, business service, tag), a page at a time',
    tag: TAG,
    access: 'authenticated',
    query: AssetQuery,
    response: AssetPage,
  }),
  /** A read sent as POST: the target is a body field, never in a URL or an access log. */
  lookup: defineRoute({
    method: 'post',
    path: '/assets/lookup',
    summary: "A target's asset and matching protected / auto-OK entries (what the safety lookup step answers)",
    tag: TAG,
    access: 'authenticated',
    body: z.object({ target: z.string().trim().min(1).max(512), kind: z.enum(['ip', 'host', 'user']) }).strict(),
    response: AssetLookup,
  }),
  export: defineRoute({
    method: 'get',
    path: '/assets/export',
    summary: 'Every asset as CSV (the import columns)',
    tag: TAG,
    access: 'authenticated',
    produces: 'csv',
  }),
  import: defineRoute({
    method: 'post',
    path: '/assets/import',
    summary: 'Import assets from CSV (JSON { csv } or a text/csv body): all rows or none; upserts by kind + value',
    tag: TAG,
    access: ['admin'],
    body: ImportAssets,
    response: ImportResult,
  }),
  create: defineRoute({
    method: 'post',
    path: '/assets',
    summary: 'Add an asset',
    tag: TAG,
    access: ['admin'],
    body: CreateAsset,
    response: Asset,
    status: 201,
  }),
  update: defineRoute({
    method: 'patch',
    path: '/assets/:id',
    summary: 'Change an asset',
    tag: TAG,
    access: ['admin'],
    params: IdParams,
    body: UpdateAsset,
    response: Asset,
  }),
  remove: defineRoute({
    method: 'delete',
    path: '/assets/:id',
    summary: 'Remove an asset',
    tag: TAG,
    access: ['admin'],
    params: IdParams,
    status: 204,
  }),
};
