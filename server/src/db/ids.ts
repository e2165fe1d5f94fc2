/**
 * UUIDv7 (RFC 9562) for rows written with raw SQL, the same kind of id Prisma's
 * `@default(uuid(7))` makes: 48-bit Unix milliseconds, then random bits, so ids sort by
 * creation time and append-heavy indexes stay compact.
 */
import { randomBytes } from 'node:crypto';

export function newId(now: number = Date.now()): string {
  const bytes = randomBytes(16);
  bytes.writeUIntBE(now, 0, 6);
  bytes[6] = 0x70 | ((bytes[6] ?? 0) & 0x0f);
  bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
