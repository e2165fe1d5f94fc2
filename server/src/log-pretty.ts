/**
 * Readable log lines for a person at a terminal (LOG_FORMAT=pretty, or stdout is a TTY):
 * `12:03:04 INFO  database ready  migrations=0 embedded=true`, the fields on the line as
 * `key=value`, and the demo users as a table under their line.
 */
import type { DestinationStream } from 'pino';
import pretty from 'pino-pretty';

/** Keys every line carries (shown as the time and level, or not at all). */
const HIDDEN = new Set(['level', 'time', 'pid', 'hostname', 'service', 'msg', 'err']);

/** Longer arrays show their first items and how many more (the JSON format keeps them all). */
const ARRAY_ITEMS = 5;

/** Shortens for the eye: milliseconds to one decimal, long arrays to their first items. */
function forTheEye(_key: string, value: unknown): unknown {
  if (typeof value === 'number' && !Number.isInteger(value)) return Math.round(value * 10) / 10;
  if (Array.isArray(value) && value.length > ARRAY_ITEMS) {
    return [...value.slice(0, ARRAY_ITEMS), `…(+${value.length - ARRAY_ITEMS} more)`];
  }
  return value;
}

/** One field as `key=value`: strings bare unless they hold spaces, the rest as compact JSON. */
function field(key: string, value: unknown): string {
  if (typeof value === 'string') return `${key}=${/[\s"=]/.test(value) ? JSON.stringify(value) : value}`;
  return `${key}=${JSON.stringify(value, forTheEye)}`;
}

/** A row's column as text ('' when the row or column is missing). */
function cell(row: unknown, key: string): string {
  const value: unknown = typeof row === 'object' && row !== null ? Reflect.get(row, key) : undefined;
  return value === undefined || value === null ? '' : String(value);
}

/** The demo users as aligned rows under their line. */
function usersTable(rows: readonly unknown[]): string[] {
  const cells = rows.map((r) => [cell(r, 'username'), cell(r, 'role'), cell(r, 'displayName')]);
  const header = ['user', 'role', 'name'];
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]?.length ?? 0)));
  const line = (c: string[]) => `    ${c.map((v, i) => v.padEnd(widths[i] ?? 0)).join('  ')}`.trimEnd();
  return [line(header), ...cells.map(line)];
}

/**
 * A log record's message with its fields: `msg  key=value …`, and under it the rows of a
 * `demoUsers` table. Errors (`err`) are left to pino-pretty, which prints their stack.
 */
export function prettyMessage(log: Record<string, unknown>): string {
  const msg = typeof log.msg === 'string' ? log.msg : '';
  const fields = Object.entries(log)
    .filter(([k, v]) => !HIDDEN.has(k) && k !== 'demoUsers' && v !== undefined)
    .map(([k, v]) => field(k, v));
  const head = [msg, fields.join(' ')].filter(Boolean).join('  ');
  const users = Array.isArray(log.demoUsers) ? usersTable(log.demoUsers) : [];
  return [head, ...users].join('\n');
}

/** The pino-pretty stream, synchronous so that the last lines before an exit are not lost. */
export function prettyStream(options: { destination?: DestinationStream; colorize?: boolean }): DestinationStream {
  return pretty({
    destination: options.destination ?? 1,
    sync: true,
    // pino-pretty's own default (colours when the terminal has them) unless told.
    ...(options.colorize === undefined ? {} : { colorize: options.colorize }),
    translateTime: 'SYS:HH:MM:ss',
    ignore: 'pid,hostname,service',
    hideObject: true,
    messageFormat: (log) => prettyMessage(log),
  });
}
