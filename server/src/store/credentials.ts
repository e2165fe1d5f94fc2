/**
 * Connector credential rows. Plaintext never passes through here: values come in and go
 * out sealed (services/credentials seals and opens them), and the list functions do not
 * even select the ciphertext.
 */
import { Prisma } from '../generated/prisma/client';
import type { CredentialMode } from '../generated/prisma/enums';
import type { Db } from './db';
import type { SealedColumns } from './secrets';

export type { SealedColumns } from './secrets';

/** A credential without its value. */
export interface CredentialRow {
  id: string;
  name: string;
  connectorId: string;
  mode: CredentialMode;
  settings: Record<string, string>;
  baseUrl: string | null;
  valueVersion: number;
  rotatedAt: Date | null;
  rotationFailedAt: Date | null;
  rotationFailure: string | null;
  lastTestedAt: Date | null;
  lastTestOk: boolean | null;
  lastTestMessage: string | null;
  lastUsedAt: Date | null;
  createdById: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface SealedCredential extends CredentialRow {
  sealed: SealedColumns;
}

/** What an admin sets besides the value. */
export type CredentialConfig = Pick<CredentialRow, 'mode' | 'settings' | 'baseUrl'>;

export interface TestRecord {
  at: Date;
  ok: boolean;
  message: string;
}

/** Every column but the sealed value. */
const INFO = {
  id: true,
  name: true,
  connectorId: true,
  mode: true,
  settings: true,
  baseUrl: true,
  valueVersion: true,
  rotatedAt: true,
  rotationFailedAt: true,
  rotationFailure: true,
  lastTestedAt: true,
  lastTestOk: true,
  lastTestMessage: true,
  lastUsedAt: true,
  createdById: true,
  createdAt: true,
  updatedAt: true,
} satisfies Prisma.ConnectorCredentialSelect;

type InfoRow = Prisma.ConnectorCredentialGetPayload<{ select: typeof INFO }>;

/** The settings column as strings by name (the service stores nothing else; anything else is dropped). */
function settingsOf(json: Prisma.JsonValue): Record<string, string> {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(json)) if (typeof v === 'string') out[k] = v;
  return out;
}

const rowOf = (r: InfoRow): CredentialRow => ({ ...r, settings: settingsOf(r.settings) });

const bytes = (s: SealedColumns) => ({
  ciphertext: Buffer.from(s.ciphertext),
  iv: Buffer.from(s.iv),
  tag: Buffer.from(s.tag),
});

export async function listCredentials(db: Db, filter: { connectorId?: string } = {}): Promise<CredentialRow[]> {
  const rows = await db.connectorCredential.findMany({ where: filter, select: INFO, orderBy: { name: 'asc' } });
  return rows.map(rowOf);
}

export async function findCredential(db: Db, name: string): Promise<CredentialRow | undefined> {
  const row = await db.connectorCredential.findUnique({ where: { name }, select: INFO });
  return row ? rowOf(row) : undefined;
}

export async function findSealedCredential(db: Db, name: string): Promise<SealedCredential | undefined> {
  const row = await db.connectorCredential.findUnique({
    where: { name },
    select: { ...INFO, ciphertext: true, iv: true, tag: true },
  });
  if (!row) return undefined;
  const { ciphertext, iv, tag, ...info } = row;
  return { ...rowOf(info), sealed: { ciphertext, iv, tag } };
}

/** @returns undefined when the name is taken */
export async function insertCredential(
  db: Db,
  data: CredentialConfig & { name: string; connectorId: string; createdById: string | null; sealed: SealedColumns },
): Promise<CredentialRow | undefined> {
  const { sealed, ...fields } = data;
  try {
    return rowOf(await db.connectorCredential.create({ data: { ...fields, ...bytes(sealed) }, select: INFO }));
  } catch (e) {
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002') return undefined;
    throw e;
  }
}

/** `resetTest`: new settings or a new base URL make the last test say nothing about the credential. */
export async function updateCredentialConfig(
  db: Db,
  name: string,
  config: CredentialConfig,
  resetTest: boolean,
): Promise<CredentialRow> {
  const cleared = resetTest ? { lastTestedAt: null, lastTestOk: null, lastTestMessage: null } : {};
  return rowOf(await db.connectorCredential.update({ where: { name }, data: { ...config, ...cleared }, select: INFO }));
}

export async function deleteCredential(db: Db, name: string): Promise<boolean> {
  const { count } = await db.connectorCredential.deleteMany({ where: { name } });
  return count > 0;
}

export async function recordCredentialTest(db: Db, name: string, test: TestRecord): Promise<void> {
  await db.connectorCredential.updateMany({
    where: { name },
    data: { lastTestedAt: test.at, lastTestOk: test.ok, lastTestMessage: test.message },
  });
}

/**
 * Swaps the value, but only if it is still the version the new one was tested against
 * (two admins rotating at once: the second swap finds a newer version and is refused).
 * The passing test becomes the last test; without one (the connector has no health action)
 * the last test, of the old value, is cleared.
 * @returns the row, or undefined when the version moved
 */
export async function replaceCredentialValue(
  db: Db,
  name: string,
  expectedVersion: number,
  sealed: SealedColumns,
  at: Date,
  test: TestRecord | undefined,
): Promise<CredentialRow | undefined> {
  const tested = test
    ? { lastTestedAt: test.at, lastTestOk: test.ok, lastTestMessage: test.message }
    : { lastTestedAt: null, lastTestOk: null, lastTestMessage: null };
  const { count } = await db.connectorCredential.updateMany({
    where: { name, valueVersion: expectedVersion },
    data: {
      ...bytes(sealed),
      ...tested,
      valueVersion: { increment: 1 },
      rotatedAt: at,
      rotationFailedAt: null,
      rotationFailure: null,
    },
  });
  return count === 1 ? findCredential(db, name) : undefined;
}

export async function recordRotationFailure(db: Db, name: string, at: Date, failure: string): Promise<void> {
  await db.connectorCredential.updateMany({
    where: { name },
    data: { rotationFailedAt: at, rotationFailure: failure },
  });
}

/** Best effort and cheap: at most one write per credential per `minIntervalMs`. */
export async function touchCredential(db: Db, name: string, at: Date, minIntervalMs: number): Promise<void> {
  const stale = new Date(at.getTime() - minIntervalMs);
  await db.connectorCredential.updateMany({
    where: { name, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: stale } }] },
    data: { lastUsedAt: at },
  });
}
