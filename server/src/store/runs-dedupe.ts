/**
 * Dedupe keys with a window: `runs.dedupe_key` is unique for good, so a key whose run is
 * older than the trigger's window is released (renamed `<key>~<run id>`, which keeps it
 * readable on the old run) before a new run takes it.
 */
import { Prisma } from '../generated/prisma/client';
import type { Db } from './db';
import { storableText } from './storable';

/**
 * Frees `key` when the run holding it was created before `createdBefore`.
 * @returns whether it was freed (false: no run has it, or its run is recent enough to keep it)
 */
export async function releaseDedupeKey(db: Db, key: string, createdBefore: Date): Promise<boolean> {
  const released = await db.$executeRaw(Prisma.sql`
    UPDATE runs SET dedupe_key = dedupe_key || '~' || id::text
    WHERE dedupe_key = ${storableText(key)} AND created_at < ${createdBefore}`);
  return released > 0;
}
