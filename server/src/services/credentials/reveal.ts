/** Opening a stored credential for a connector call: the one place a value is decrypted. */
import type { AppContext } from '../../context';
import { findSealedCredential } from '../../store/credentials';
import type { ConnectorCredentialValue } from '../contracts';
import type { Cipher } from '../secrets/cipher';

/** Bound as associated data: a ciphertext copied into another credential's row does not open. */
export const credentialAad = (name: string) => `credential:${name}`;

/** The credential, decrypted; undefined when there is none or it does not decrypt (logged, without the value). */
export async function revealCredential(
  ctx: AppContext,
  cipher: Cipher,
  name: string,
): Promise<ConnectorCredentialValue | undefined> {
  const found = await findSealedCredential(ctx.prisma, name);
  if (!found) return undefined;
  let value: string;
  try {
    value = cipher.open(found.sealed, credentialAad(name));
  } catch {
    // Never the value, never the ciphertext: only that this one cannot be read.
    ctx.log.error({ credential: name }, 'a stored credential does not decrypt (wrong SECRET_KEY or altered row)');
    return undefined;
  }
  const { connectorId, mode, settings, baseUrl } = found;
  return { name, connectorId, mode, value, settings, ...(baseUrl ? { baseUrl } : {}) };
}
