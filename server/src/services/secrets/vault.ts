import type { AppContext } from '../../context';
import { NotFoundError } from '../../errors';
import type { Actor, SecretStored } from '@autonomic/api';
import type { z } from 'zod';
import { transaction } from '../../store/db';
import {
  deleteSecret,
  findSealedSecret,
  listSecretNames,
  upsertSecret,
  type SecretListItem,
} from '../../store/secrets';
import { recordAudit } from '../audit';
import type { SecretsVault } from '../contracts';
import { createCipher, type Cipher } from './cipher';
import { loadMasterKey } from './master-key';

/**
 * Connector secrets, AES-256-GCM at rest under the master key. Values go in through
 * `put` and out only through `reveal` (to the effects adapter); listing returns names.
 */
export interface SecretsVaultService extends SecretsVault {
  /** The same key's cipher, for other encrypted columns (webhook secrets). */
  readonly cipher: Cipher;
  list(): Promise<SecretListItem[]>;
  put(name: string, value: string, actor: Actor): Promise<z.input<typeof SecretStored>>;
  remove(name: string, actor: Actor): Promise<void>;
}

const context = (name: string) => `secret:${name}`;

export function createSecretsVault(ctx: AppContext, key: Buffer = loadMasterKey(ctx.config)): SecretsVaultService {
  const cipher = createCipher(key);
  return {
    cipher,
    async reveal(name) {
      const sealed = await findSealedSecret(ctx.prisma, name);
      if (!sealed) return undefined;
      try {
        return cipher.open(sealed, context(name));
      } catch {
        // Never the value, never the ciphertext: only that this one cannot be read.
        ctx.log.error({ secretName: name }, 'a stored secret does not decrypt (wrong SECRET_KEY or altered row)');
        return undefined;
      }
    },
    list: () => listSecretNames(ctx.prisma),
    async put(name, value, actor) {
      const sealed = cipher.seal(value, context(name));
      return transaction(ctx.prisma, async (tx) => {
        const { created, updatedAt } = await upsertSecret(tx, name, sealed);
        await recordAudit(tx, {
          actor,
          action: created ? 'secret.created' : 'secret.replaced',
          targetType: 'secret',
          targetId: name,
        });
        return { name, created, updatedAt };
      });
    },
    async remove(name, actor) {
      await transaction(ctx.prisma, async (tx) => {
        if (!(await deleteSecret(tx, name))) throw new NotFoundError(`secret "${name}"`);
        await recordAudit(tx, { actor, action: 'secret.deleted', targetType: 'secret', targetId: name });
      });
    },
  };
}
