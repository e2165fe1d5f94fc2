/**
 * Password hashing with scrypt from node:crypto. A hash is stored as
 * `scrypt$N$r$p$salt$hash` (salt and hash base64url), so the cost can be raised later:
 * verification reads the parameters from the stored string, and `needsRehash` tells the
 * login path to re-hash with the current ones.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

export interface ScryptParams {
  /** CPU/memory cost, a power of two. @default 32768 (2^15: ~80 ms and 32 MiB here) */
  N: number;
  /** @default 8 */
  r: number;
  /** @default 1 */
  p: number;
}

export const DEFAULT_SCRYPT: ScryptParams = { N: 2 ** 15, r: 8, p: 1 };
/** Tests only: ~4 ms per hash instead of ~80 ms. Never use in production. */
export const TEST_SCRYPT: ScryptParams = { N: 2 ** 10, r: 8, p: 1 };

const SALT_BYTES = 16;
const KEY_BYTES = 64;
/** Stored parameters beyond these are refused rather than run (a corrupted row must not hang a login). */
const MAX_N = 2 ** 20;
const MAX_RP = 32;

function derive(password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  // Node refuses scrypt when 128·N·r exceeds maxmem (32 MiB by default, exactly N=2^15, r=8).
  const options: ScryptOptions = { ...params, maxmem: 256 * params.N * params.r };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, KEY_BYTES, options, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

interface Parsed {
  params: ScryptParams;
  salt: Buffer;
  hash: Buffer;
}

const isPowerOfTwo = (n: number) => Number.isInteger(n) && n > 1 && (n & (n - 1)) === 0;

/** Parses `scrypt$N$r$p$salt$hash`; undefined for anything else (e.g. an unusable placeholder). */
export function parseHash(encoded: string): Parsed | undefined {
  const parts = encoded.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return undefined;
  const [N, r, p] = parts.slice(1, 4).map(Number);
  if (N === undefined || r === undefined || p === undefined) return undefined;
  if (!isPowerOfTwo(N) || N > MAX_N || !Number.isInteger(r) || !Number.isInteger(p)) return undefined;
  if (r < 1 || r > MAX_RP || p < 1 || p > MAX_RP) return undefined;
  const salt = Buffer.from(parts[4] ?? '', 'base64url');
  const hash = Buffer.from(parts[5] ?? '', 'base64url');
  if (salt.length < SALT_BYTES || hash.length !== KEY_BYTES) return undefined;
  return { params: { N, r, p }, salt, hash };
}

export interface PasswordHasher {
  readonly params: ScryptParams;
  hash(password: string): Promise<string>;
  /** Constant-time comparison; false for a malformed stored hash. */
  verify(password: string, encoded: string): Promise<boolean>;
  /**
   * Spends the same time as a real verification and returns false: used for unknown
   * usernames so that response time does not reveal which names exist.
   */
  dummyVerify(password: string): Promise<false>;
  /** True when the stored hash was made with other parameters than the current ones. */
  needsRehash(encoded: string): boolean;
}

/**
 * @param params scrypt cost; pass `TEST_SCRYPT` in tests to keep them fast.
 * @example
 * const hasher = createPasswordHasher();
 * const stored = await hasher.hash('correct horse battery');
 * await hasher.verify('correct horse battery', stored); // true
 */
export function createPasswordHasher(params: ScryptParams = DEFAULT_SCRYPT): PasswordHasher {
  const encode = (p: ScryptParams, salt: Buffer, hash: Buffer) =>
    `scrypt$${p.N}$${p.r}$${p.p}$${salt.toString('base64url')}$${hash.toString('base64url')}`;
  // Random bytes in place of a real hash: verifying against it costs one scrypt, as for a real user.
  const dummy = encode(params, randomBytes(SALT_BYTES), randomBytes(KEY_BYTES));

  const hash = async (password: string) => {
    const salt = randomBytes(SALT_BYTES);
    return encode(params, salt, await derive(password, salt, params));
  };
  const verify = async (password: string, encoded: string) => {
    const parsed = parseHash(encoded);
    if (!parsed) return false;
    const key = await derive(password, parsed.salt, parsed.params);
    return timingSafeEqual(key, parsed.hash);
  };

  return {
    params,
    hash,
    verify,
    async dummyVerify(password) {
      await verify(password, dummy);
      return false;
    },
    needsRehash(encoded) {
      const parsed = parseHash(encoded);
      return !parsed || parsed.params.N !== params.N || parsed.params.r !== params.r || parsed.params.p !== params.p;
    },
  };
}
