import { z } from 'zod';

/**
 * A point in time: the server hands a `Date` (or an ISO string), the wire and the client
 * carry the ISO 8601 string.
 */
export const Instant = z.codec(z.union([z.date(), z.string()]), z.string(), {
  decode: (v) => (typeof v === 'string' ? v : v.toISOString()),
  encode: (v) => v,
});
export const NullableInstant = Instant.nullable();

/** A user as other records name them. */
export const UserRef = z.object({ id: z.string(), username: z.string(), displayName: z.string() });
export type UserRef = z.infer<typeof UserRef>;

/** Any JSON value a run or document holds, passed through as it is. */
export const Json = z.unknown();
