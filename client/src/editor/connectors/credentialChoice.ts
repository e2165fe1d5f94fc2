/**
 * How the credential pick-list names a credential: its name, whether runs use it for real
 * (live) or simulations do (test), and how its last connection test went — never a value.
 */
import type { CredentialRef } from '@autonomic/workflow';

/** A credential as the editor holds it: the list route's answer (`CredentialInfo`) or a bare reference. */
export interface CredentialChoice extends CredentialRef {
  lastTest?: { at: string; ok: boolean; message: string } | null;
}

const MODE = { live: 'live (real runs)', test: 'test (simulations)' } as const;

/** The option text: `abuse-prod — live (real runs), last test passed`. */
export function credentialLabel(c: CredentialChoice): string {
  const test =
    c.lastTest === undefined
      ? ''
      : c.lastTest === null
        ? ', not tested yet'
        : c.lastTest.ok
          ? ', last test passed'
          : ', last test failed';
  return `${c.name} — ${MODE[c.mode]}${test}`;
}

/** A warning for a picked credential whose last connection test failed; undefined otherwise. */
export function credentialWarning(c: CredentialChoice | undefined): string | undefined {
  if (!c?.lastTest || c.lastTest.ok) return undefined;
  const why = c.lastTest.message.trim();
  return `The last connection test of ${c.name} failed${why ? ` (${why.slice(0, 200)})` : ''}: runs may fail at this step until an admin fixes it on Credentials.`;
}

/** What the pick-list says when the connector has no credential, by who reads it. */
export function noCredentialText(connectorId: string, isAdmin: boolean): string {
  return isAdmin
    ? `No credential exists for ${connectorId} yet: create one on Credentials.`
    : `No credential exists for ${connectorId} yet: ask an admin to create one on Credentials.`;
}
