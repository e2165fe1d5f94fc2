/**
 * The driver adapter `prisma migrate` uses (engine "js", see prisma.config.ts), with our
 * fixes for the bugs of `@prisma/adapter-pg` 6.19.3 under the JS schema engine. The
 * server's own PrismaClient does not need them and uses a plain PrismaPg.
 *
 * 1. Catalog types (prisma/orm#27403): "Column type 'name' could not be deserialized
 *    from the database". The schema engine reads pg_catalog columns of types the adapter
 *    cannot map (`name`, `"char"`, `regclass`, …). Fix: rewrite those column types in
 *    each RowDescription message to text / text[] before pg parses the rows.
 * 2. Shadow database name ignored: with `{ connectionString }` the adapter's shadow pool
 *    connects to the main database (`migrate dev` → P3006 "relation … already exists").
 *    Fix: every pool is built from discrete fields (host, port, user, password, database).
 * 3. Shadow database dropped while in use: the built-in `connectToShadowDb` drops the
 *    database before it closes its pool ("database … is being accessed by other users").
 *    Fix: our `connectToShadowDb` closes the pool first, then drops the database.
 * 4. Hanging exit: pg's idle timeout keeps every command alive ~10 s. Fix:
 *    `allowExitOnIdle: true` on every pool. (The wasm engine's own 10 s / 60 s timers
 *    are the other half of this bug; `prisma/unref-timers.cjs` handles them.)
 * 5. (found here) `executeScript` splits a migration on every `;`, which breaks any
 *    statement with a `;` inside it (a function body, a string). Fix: send the script
 *    as one simple-protocol query, as the native engine does.
 * 6. (found here, PostgreSQL 18) `migrate dev` on a database that has tables dies with
 *    "RuntimeError: unreachable": PostgreSQL 18 records NOT NULL as pg_constraint rows
 *    of contype 'n', which the 6.19 schema engine's check-constraint query lets through
 *    and cannot handle. Fix: that query also excludes 'n'.
 */
import { randomUUID } from 'node:crypto';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';

const TEXT = 25;
const TEXT_ARRAY = 1009;

/** OIDs of the catalog types in bug 1, mapped to the type the adapter should see. */
const CATALOG_TYPES_AS_TEXT: ReadonlyMap<number, number> = new Map([
  [18, TEXT], // "char"
  [19, TEXT], // name
  [22, TEXT], // int2vector
  [24, TEXT], // regproc
  [30, TEXT], // oidvector
  [194, TEXT], // pg_node_tree
  [2202, TEXT], // regprocedure
  [2205, TEXT], // regclass
  [2206, TEXT], // regtype
  [4089, TEXT], // regnamespace
  [4096, TEXT], // regrole
  [1003, TEXT_ARRAY], // name[]
  [2210, TEXT_ARRAY], // regclass[]
]);

function reportCatalogTypesAsText(message: unknown): void {
  if (typeof message !== 'object' || message === null || !('fields' in message)) return;
  const { fields } = message;
  if (!Array.isArray(fields)) return;
  for (const field of fields) {
    if (typeof field !== 'object' || field === null || !('dataTypeID' in field)) continue;
    const replacement = CATALOG_TYPES_AS_TEXT.get(Number(field.dataTypeID));
    if (replacement !== undefined) field.dataTypeID = replacement;
  }
}

/** A pg client whose RowDescription handler sees catalog types as text (bug 1). */
class CatalogAsTextClient extends pg.Client {
  constructor(config?: pg.ClientConfig) {
    super(config);
    // Runs before pg's own handler, which builds the row parsers from these OIDs.
    this.connection.prependListener('rowDescription', reportCatalogTypesAsText);
  }
}

/** Connection fields parsed once from a URL, so no pool sees a connectionString (bug 2). */
export interface PgTarget {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
}

export function parsePgUrl(url: string): PgTarget {
  const parsed = new URL(url);
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new Error(`Not a PostgreSQL URL: ${parsed.protocol}//…`);
  }
  return {
    host: decodeURIComponent(parsed.hostname) || 'localhost',
    port: parsed.port ? Number(parsed.port) : 5432,
    user: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
    database: decodeURIComponent(parsed.pathname.slice(1)) || 'postgres',
  };
}

function migratePool(target: PgTarget): pg.Pool {
  // bug 2: discrete fields; bug 4: let the process exit once the pool is idle.
  return new pg.Pool({ ...target, allowExitOnIdle: true, max: 4, Client: CatalogAsTextClient });
}

type PgAdapter = Awaited<ReturnType<PrismaPg['connect']>>;
type SqlQuery = Parameters<PgAdapter['queryRaw']>[0];

/** bug 6: the engine's only `contype NOT IN (…)` query, made to skip NOT NULL rows. */
function skipNotNullConstraints(query: SqlQuery): SqlQuery {
  const sql = query.sql.replace("contype NOT IN ('p', 'u', 'f')", "contype NOT IN ('p', 'u', 'f', 'n')");
  return sql === query.sql ? query : { ...query, sql };
}

async function connectAdapter(pool: pg.Pool): Promise<PgAdapter> {
  const adapter = await new PrismaPg(pool, { disposeExternalPool: true }).connect();
  const queryRaw = adapter.queryRaw.bind(adapter);
  adapter.queryRaw = (query) => queryRaw(skipNotNullConstraints(query));
  // bug 5: one simple-protocol query runs the whole script, `;` inside bodies included.
  adapter.executeScript = async (script: string): Promise<void> => {
    await pool.query(script);
  };
  return adapter;
}

async function runAsAdmin(target: PgTarget, sql: string): Promise<void> {
  const client = new pg.Client({ ...target });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** The adapter factory prisma.config.ts hands to `prisma migrate`. */
export class MigratePgAdapterFactory extends PrismaPg {
  private readonly target: PgTarget;

  constructor(url: string) {
    const target = parsePgUrl(url);
    super({ ...target, allowExitOnIdle: true });
    this.target = target;
  }

  override connect(): Promise<PgAdapter> {
    return connectAdapter(migratePool(this.target));
  }

  /** bug 3: a uniquely named database, dropped only after its pool has closed. */
  override async connectToShadowDb(): Promise<PgAdapter> {
    const database = `prisma_shadow_${randomUUID().replaceAll('-', '')}`;
    await runAsAdmin(this.target, `CREATE DATABASE "${database}"`);
    const adapter = await connectAdapter(migratePool({ ...this.target, database }));
    const closePool = adapter.dispose.bind(adapter);
    adapter.dispose = async (): Promise<void> => {
      await closePool();
      await runAsAdmin(this.target, `DROP DATABASE IF EXISTS "${database}"`);
    };
    return adapter;
  }
}
