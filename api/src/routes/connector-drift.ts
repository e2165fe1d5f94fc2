/**
 * Connector drift: how connector actions' live answers differ from their declared response
 * schemas (issue 12 §2), as `GET /connectors/drift` lists them and
 * `POST /connectors/drift/:id/acknowledge` answers. Samples are masked shapes, never
 * vendor data, so every signed-in role may read them.
 */
import { z } from 'zod';
import { Instant, NullableInstant } from '../fields';

/** How an answer drifted from the response schema: a declared field gone, an undeclared one present, another type. */
export const ConnectorDriftKind = z.enum(['missing', 'new', 'type']);
export type ConnectorDriftKind = z.infer<typeof ConnectorDriftKind>;

/**
 * One drift of a connector action's live answers from its declared response schema, counted
 * over the answers that showed it. `sample` is the offending value's shape with every value
 * masked (`"<string, 12 chars>"`), never vendor data.
 */
export const ConnectorDrift = z.object({
  id: z.uuid(),
  connectorId: z.string(),
  version: z.string(),
  action: z.string(),
  /** A JSON Pointer into the answer (`/data/abuseConfidenceScore`); `*` stands for array items. */
  path: z.string(),
  kind: ConnectorDriftKind,
  count: z.int().min(1),
  /** The declared JSON type(s), e.g. `integer`, `string|null`; `undeclared` for a new field. */
  expected: z.string(),
  /** The JSON type seen; `absent` for a missing field. */
  actual: z.string(),
  /** Whether the schema requires the field (missing fields only). */
  required: z.boolean().nullable(),
  sample: z.unknown(),
  /** Whether the last answer showing it failed the schema check (its step failed with bad_response). */
  failing: z.boolean(),
  firstSeenAt: Instant,
  lastSeenAt: Instant,
  /** Out of the open count until an answer shows it again. */
  acknowledgedAt: NullableInstant,
  acknowledgedById: z.uuid().nullable(),
});
export type ConnectorDrift = z.infer<typeof ConnectorDrift>;

export const ConnectorDriftQuery = z
  .object({
    connector: z.string().min(1).max(64).optional(),
    /** `true`: only rows not acknowledged. */
    open: z.enum(['true', 'false']).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();
