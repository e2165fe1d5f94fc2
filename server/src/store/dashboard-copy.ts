/**
 * `COPY (SELECT …) TO STDOUT` on a plain pg connection: the dashboard's CSV export streams
 * straight from PostgreSQL (no page of rows in this process). The connections come from a
 * small pool per database URL (at most 4 exports at once; idle ones close after 2 s). COPY
 * takes no bind parameters: the statement's values are written in as escaped literals.
 */
import { Transform, type Readable } from 'node:stream';
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { clientUrl } from '../db/client-url';
import type { Prisma } from '../generated/prisma/client';

const pools = new Map<string, pg.Pool>();

function poolFor(url: string): pg.Pool {
  let pool = pools.get(url);
  if (!pool) {
    pool = new pg.Pool({
      connectionString: url,
      max: 4,
      idleTimeoutMillis: 2_000,
      allowExitOnIdle: true,
      options: '-c TimeZone=UTC',
    });
    // An idle connection that breaks (the database restarted) is dropped, not thrown.
    pool.on('error', () => undefined);
    pools.set(url, pool);
  }
  return pool;
}

type Literal = (s: string) => string;

function literalOf(value: unknown, quote: Literal): string {
  if (value === null || value === undefined) return 'NULL';
  if (value instanceof Date) return quote(value.toISOString());
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (Array.isArray(value)) {
    const items = value.map((v) => `"${String(v).replace(/["\\]/g, '\\$&')}"`);
    return quote(`{${items.join(',')}}`);
  }
  return quote(String(value));
}

/** The statement with its `$n` parameters written in as literals (for COPY). */
export function inlineSql(sql: Prisma.Sql, quote: Literal): string {
  return sql.text.replace(/\$(\d+)/g, (_, n: string) => literalOf(sql.values[Number(n) - 1], quote));
}

/**
 * Turns PostgreSQL's CSV row ends (LF) into CRLF (RFC 4180, as the export always wrote),
 * leaving line breaks inside quoted cells as they are. Byte-wise: `"` and LF never occur
 * inside a UTF-8 multi-byte character.
 */
export function crlfRows(): Transform {
  let quoted = false;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      const parts: Buffer[] = [];
      let from = 0;
      // Jump between quotes and line feeds with indexOf (native) rather than byte by byte.
      let q = chunk.indexOf(0x22);
      let lf = chunk.indexOf(0x0a);
      for (;;) {
        if (!quoted && lf !== -1 && (q === -1 || lf < q)) {
          parts.push(chunk.subarray(from, lf), CRLF);
          from = lf + 1;
          lf = chunk.indexOf(0x0a, from);
          continue;
        }
        if (q === -1) break;
        quoted = !quoted;
        const after = q + 1;
        q = chunk.indexOf(0x22, after);
        if (lf !== -1 && lf < after) lf = chunk.indexOf(0x0a, after);
      }
      parts.push(chunk.subarray(from));
      done(null, Buffer.concat(parts));
    },
  });
}
const CRLF = Buffer.from('\r\n');

/**
 * Streams `COPY (select) TO STDOUT WITH (FORMAT csv, HEADER)`, CRLF row ends. The
 * connection goes back to the pool when the stream ends; a stream destroyed early (the
 * client went away) closes its connection, which ends the COPY in PostgreSQL.
 */
export async function copyCsv(db: object, select: Prisma.Sql): Promise<Readable> {
  const url = clientUrl(db);
  if (!url) throw new Error('CSV export: no database URL for this client');
  const client = await poolFor(url).connect();
  let released = false;
  const release = (err?: Error) => {
    if (released) return;
    released = true;
    client.release(err);
  };
  try {
    const text = inlineSql(select, (s) => client.escapeLiteral(s));
    const source = client.query(copyTo(`COPY (${text}) TO STDOUT WITH (FORMAT csv, HEADER)`));
    const out = crlfRows();
    source.on('error', (err) => {
      release(err);
      out.destroy(err);
    });
    source.on('end', () => release());
    out.on('close', () => {
      if (!source.readableEnded) {
        release(new Error('CSV export abandoned'));
        source.destroy();
      }
    });
    return source.pipe(out);
  } catch (err) {
    release(err instanceof Error ? err : new Error(String(err)));
    throw err;
  }
}
