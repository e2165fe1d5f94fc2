/**
 * The database as the rest of the server sees it: an opaque handle that services pass
 * to store functions, and `transaction` to run several of them atomically. Only store/
 * (and db/, which creates the client and migrates) imports Prisma.
 *
 * @example
 * await transaction(ctx.prisma, async (tx) => {
 *   await setVersionStatus(tx, id, 'published');
 *   await recordAudit(tx, entry);
 * });
 */
import type { Prisma, PrismaClient } from '../generated/prisma/client';

/** The client outside any transaction: what `AppContext` holds. */
export type DbClient = PrismaClient;

/** What store functions take: the client, or a transaction of it. */
export type Db = Prisma.TransactionClient;

/**
 * Runs `work` in one interactive transaction: it commits when `work` resolves and rolls
 * back when it throws (the error is rethrown).
 */
export function transaction<T>(db: DbClient, work: (tx: Db) => Promise<T>): Promise<T> {
  return db.$transaction(work);
}
