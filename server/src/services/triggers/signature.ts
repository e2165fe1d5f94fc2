import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export {
  WEBHOOK_DELIVERY_HEADER as DELIVERY_HEADER,
  WEBHOOK_SIGNATURE_HEADER as SIGNATURE_HEADER,
  WEBHOOK_TIMESTAMP_HEADER as TIMESTAMP_HEADER,
} from '@autonomic/api';

/** A signed request is accepted this long either side of its timestamp (clock skew included). */
export const REPLAY_WINDOW_SECONDS = 300;

/** A new webhook secret: 32 random bytes, base64url, prefixed so that leaked ones are recognisable. */
export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

/**
 * hex(HMAC-SHA256(secret, `${timestamp}.${body}`)), the secret's UTF-8 bytes as the key:
 * the same as `printf '%s.%s' "$ts" "$body" | openssl dgst -sha256 -hmac "$secret"`.
 */
export function signWebhook(secret: string | Buffer, timestamp: string, body: Buffer | string): string {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');
}

/** `sha256=<64 hex>` → the 32 digest bytes; anything else → undefined. */
export function parseSignatureHeader(value: string | undefined): Buffer | undefined {
  const m = /^sha256=([0-9a-f]{64})$/i.exec(value?.trim() ?? '');
  return m?.[1] ? Buffer.from(m[1], 'hex') : undefined;
}

/** Unix seconds as sent: digits only, else undefined. */
export function parseTimestampHeader(value: string | undefined): number | undefined {
  return value !== undefined && /^\d{1,12}$/.test(value.trim()) ? Number(value.trim()) : undefined;
}

/** Constant-time check of a signature (both sides are 32 bytes: timingSafeEqual needs equal lengths). */
export function signatureMatches(secret: Buffer, timestamp: string, body: Buffer, signature: Buffer): boolean {
  const expected = createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest();
  return signature.length === expected.length && timingSafeEqual(expected, signature);
}
