/**
 * The SQL client of the run store and the work queue. The hot path (creating a run,
 * committing engine progress) is one statement each; through bare `pg` a statement costs
 * ~0.3–0.5 ms here, through Prisma's raw query ~1–2 ms (see server/src/db/README.md), so
 * the executor uses a `pg` pool when it knows the database URL and Prisma otherwise.
 *
 * Queries return only text, jsonb, int4, float8 and bool columns (timestamps as epoch
 * milliseconds, enums cast to text), so both clients give the same JavaScript values.
 */
import pg from 'pg';
import type { PrismaClient } from '../generated/prisma/client';

export interface Sql {
  /**
   * @param name a prepared-statement name for hot statements: parsed and planned once per
   *   connection instead of on every call (bare `pg` only; the same name must always
   *   carry the same text)
   */
  query<T extends object>(text: string, params: readonly unknown[], name?: string): Promise<T[]>;
  /** Statements sent so far (benchmarks count round trips with it). */
  readonly statements: number;
}

/** A `pg` pool in UTC, like `createPrismaClient`'s. */
export function createPgPool(url: string, max = 8): pg.Pool {
  return new pg.Pool({ connectionString: url, max, options: '-c TimeZone=UTC' });
}

export function pgSql(pool: pg.Pool): Sql {
  let statements = 0;
  return {
    async query<T extends object>(text: string, params: readonly unknown[], name?: string): Promise<T[]> {
      statements++;
      const r = await pool.query<T>(name ? { name, text, values: [...params] } : { text, values: [...params] });
      return r.rows;
    },
    get statements() {
      return statements;
    },
  };
}

export function prismaSql(prisma: PrismaClient): Sql {
  let statements = 0;
  return {
    query<T extends object>(text: string, params: readonly unknown[]): Promise<T[]> {
      statements++;
      return prisma.$queryRawUnsafe<T[]>(text, ...params);
    },
    get statements() {
      return statements;
    },
  };
}

/** Epoch milliseconds of a timestamptz column, as float8. */
export const ms = (column: string): string => `(extract(epoch from ${column}) * 1000)::float8`;

/** SQL for an epoch-milliseconds parameter as a timestamptz (null stays null). */
export const ts = (param: string): string => `to_timestamp(${param}::float8 / 1000.0)`;
