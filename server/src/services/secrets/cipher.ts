import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** An AES-256-GCM ciphertext as stored: `Secret` rows and `Workflow.webhookSecret*`. */
export interface Sealed {
  ciphertext: Uint8Array;
  iv: Uint8Array;
  tag: Uint8Array;
}

/**
 * Encrypts and decrypts with one key. `context` is bound as additional authenticated
 * data (e.g. `secret:<name>`): a ciphertext copied into another row does not decrypt.
 */
export interface Cipher {
  seal(plaintext: string, context: string): Sealed;
  /** Throws when the key, the context or any byte of the sealed value is wrong. */
  open(sealed: Sealed, context: string): string;
}

export function createCipher(key: Buffer): Cipher {
  return {
    seal(plaintext, context) {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', key, iv);
      c.setAAD(Buffer.from(context, 'utf8'));
      const ciphertext = Buffer.concat([c.update(plaintext, 'utf8'), c.final()]);
      return { ciphertext, iv, tag: c.getAuthTag() };
    },
    open(sealed, context) {
      // GCM accepts truncated tags; a short tag would weaken the integrity check.
      if (sealed.tag.length !== 16 || sealed.iv.length !== 12) throw new Error('malformed sealed value');
      const d = createDecipheriv('aes-256-gcm', key, sealed.iv);
      d.setAAD(Buffer.from(context, 'utf8'));
      d.setAuthTag(sealed.tag);
      return Buffer.concat([d.update(sealed.ciphertext), d.final()]).toString('utf8');
    },
  };
}
