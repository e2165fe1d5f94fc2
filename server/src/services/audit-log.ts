/**
 * Reading the audit log: keyset pages both ways, the pick-lists of actions and actors, and
 * every line of a filter as CSV. Details pass through `redactAuditDetails` on the way out
 * too, so that a line written before redaction existed (or by a direct insert) never shows
 * a secret's value.
 */
import { redactAuditDetails, type AuditExportQuery, type AuditQuery } from '@autonomic/api';
import type { AppContext } from '../context';
import { ValidationError } from '../errors';
import {
  auditEventBeyond,
  auditFacets,
  listAuditEvents,
  type AuditEventRow,
  type AuditFilter,
  type AuditKey,
} from '../store/audit';
import { csvLine } from './dashboard/csv';
import { decodeCursor, encodeCursor } from './runs/cursor';

/** Lines read per query while exporting. */
const EXPORT_BATCH = 2_000;
/** The most actions and actors a pick-list offers. */
const FACETS_LIMIT = 500;

const redacted = (row: AuditEventRow) => ({ ...row, details: redactAuditDetails(row.details) });

type Filter = Omit<AuditFilter, 'limit' | 'after' | 'newer'>;

function filterOf(q: AuditExportQuery): Filter {
  const { from, to, ...rest } = q;
  return { ...rest, ...(from ? { from: new Date(from) } : {}), ...(to ? { to: new Date(to) } : {}) };
}

function keyOf(cursor: string, field: 'cursor' | 'newer'): AuditKey {
  try {
    return decodeCursor(cursor);
  } catch {
    throw new ValidationError('invalid query', [{ path: `query.${field}`, message: 'not a cursor from this API' }]);
  }
}

const CSV_HEADER = csvLine([
  'created_at',
  'actor',
  'action',
  'target_type',
  'target_id',
  'before_hash',
  'after_hash',
  'details',
]);

const csvRows = (rows: AuditEventRow[]): string =>
  rows
    .map(redacted)
    .map((r) =>
      csvLine([
        r.createdAt,
        r.actor,
        r.action,
        r.targetType,
        r.targetId,
        r.beforeHash,
        r.afterHash,
        JSON.stringify(r.details),
      ]),
    )
    .join('');

const cursorOf = (row: AuditEventRow) => encodeCursor(row.createdAt, row.id);

export function createAuditLog(ctx: Pick<AppContext, 'prisma'>) {
  const db = ctx.prisma;

  /**
   * One page, newest first. Reads one row more than asked in the direction of travel to
   * know whether another page follows; the other direction is one indexed look-up.
   */
  async function page(query: AuditQuery) {
    const { cursor, newer, limit, ...rest } = query;
    const filter = filterOf(rest);
    if (newer !== undefined) {
      const key = keyOf(newer, 'newer');
      const rows = await listAuditEvents(db, { ...filter, newer: key, limit: limit + 1 });
      const events = rows.slice(0, limit).reverse();
      const first = events[0];
      const last = events[events.length - 1];
      return {
        events: events.map(redacted),
        prevCursor: rows.length > limit && first ? cursorOf(first) : null,
        nextCursor: last && (await auditEventBeyond(db, filter, last, 'older')) ? cursorOf(last) : null,
      };
    }
    const after = cursor !== undefined ? keyOf(cursor, 'cursor') : undefined;
    const rows = await listAuditEvents(db, { ...filter, ...(after ? { after } : {}), limit: limit + 1 });
    const events = rows.slice(0, limit);
    const first = events[0];
    const last = events[events.length - 1];
    // The first page (no cursor) is the newest by definition.
    const newerExists =
      after !== undefined && first !== undefined && (await auditEventBeyond(db, filter, first, 'newer'));
    return {
      events: events.map(redacted),
      nextCursor: rows.length > limit && last ? cursorOf(last) : null,
      prevCursor: newerExists && first ? cursorOf(first) : null,
    };
  }

  /**
   * Every matching line as CSV text, newest first, a batch of rows per query (keyset). The
   * first chunk is the header with the first batch, so a failing first query fails before
   * anything is sent.
   */
  async function* csv(query: AuditExportQuery): AsyncGenerator<string> {
    const filter = filterOf(query);
    let rows = await listAuditEvents(db, { ...filter, limit: EXPORT_BATCH });
    yield CSV_HEADER + csvRows(rows);
    while (rows.length === EXPORT_BATCH) {
      const after = rows[rows.length - 1];
      rows = await listAuditEvents(db, { ...filter, ...(after ? { after } : {}), limit: EXPORT_BATCH });
      if (rows.length > 0) yield csvRows(rows);
    }
  }

  return { page, csv, facets: () => auditFacets(db, FACETS_LIMIT) };
}

export type AuditLog = ReturnType<typeof createAuditLog>;
