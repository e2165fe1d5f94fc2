import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../../config';

/** AES-256 needs exactly 32 bytes of key. */
const KEY_BYTES = 32;

export const KEY_FILE = 'secret.key';

function decodeKey(text: string, where: string): Buffer {
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length !== KEY_BYTES) {
    throw new Error(
      `${where}: expected ${KEY_BYTES} bytes of base64, got ${key.length} (make one: openssl rand -base64 32)`,
    );
  }
  return key;
}

/**
 * The master key that encrypts connector and webhook secrets: `SECRET_KEY` (base64, 32
 * bytes) when set, else `<DATA_DIR>/secret.key`, created once with mode 0600. The file
 * is created with O_EXCL, so two processes starting together end up with the same key.
 * Losing the key makes every stored secret unreadable: back it up with the database.
 */
export function loadMasterKey(config: Pick<Config, 'SECRET_KEY' | 'DATA_DIR'>): Buffer {
  if (config.SECRET_KEY) return decodeKey(config.SECRET_KEY, 'SECRET_KEY');
  const path = join(config.DATA_DIR, KEY_FILE);
  mkdirSync(config.DATA_DIR, { recursive: true });
  try {
    writeFileSync(path, `${randomBytes(KEY_BYTES).toString('base64')}\n`, { flag: 'wx', mode: 0o600 });
  } catch (e) {
    if (!(e instanceof Error && 'code' in e && e.code === 'EEXIST')) throw e;
  }
  return decodeKey(readFileSync(path, 'utf8'), path);
}
