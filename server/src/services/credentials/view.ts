/** A credential row as the API shows it: everything but the value (which the row does not hold). */
import type { CredentialInfo } from '@autonomic/api';
import type { z } from 'zod';
import type { CredentialRow } from '../../store/credentials';

export function credentialView(row: CredentialRow): z.input<typeof CredentialInfo> {
  return {
    id: row.id,
    name: row.name,
    connectorId: row.connectorId,
    mode: row.mode,
    settings: row.settings,
    baseUrl: row.baseUrl,
    lastUsedAt: row.lastUsedAt,
    lastTest:
      row.lastTestedAt && row.lastTestOk !== null
        ? { at: row.lastTestedAt, ok: row.lastTestOk, message: row.lastTestMessage ?? '' }
        : null,
    rotation: {
      version: row.valueVersion,
      rotatedAt: row.rotatedAt,
      failedAt: row.rotationFailedAt,
      failure: row.rotationFailure,
    },
    createdById: row.createdById,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
