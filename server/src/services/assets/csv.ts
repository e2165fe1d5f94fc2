/**
 * A small strict RFC 4180 reader: fields separated by commas, records by CRLF or LF,
 * quoted fields may hold commas, quotes (doubled) and line breaks. A quote inside an
 * unquoted field, text after a closing quote or an unclosed quote is an error naming
 * the line, so a malformed file is refused instead of read as something else.
 */

export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
  }
}

/** A record and the line it starts on (1-based, counting the lines inside quoted fields). */
export interface CsvRecord {
  line: number;
  fields: string[];
}

/** Parses CSV text into records; blank lines are skipped; a leading BOM is ignored. */
export function parseCsv(text: string): CsvRecord[] {
  const s = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let start = 1;
  let i = 0;
  let quoted = false;
  const endRecord = () => {
    fields.push(field);
    if (!(fields.length === 1 && fields[0] === '' && !quoted)) records.push({ line: start, fields });
    fields = [];
    field = '';
    quoted = false;
  };
  while (i < s.length) {
    const c = s[i];
    if (c === '"') {
      if (field !== '' || quoted) throw new CsvSyntaxError(line, 'a quote inside an unquoted field');
      quoted = true;
      i += 1;
      for (;;) {
        if (i >= s.length) throw new CsvSyntaxError(start, 'a quoted field is not closed');
        const d = s[i];
        if (d === '"') {
          if (s[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i += 1;
          break;
        }
        if (d === '\n') line += 1;
        field += d;
        i += 1;
      }
      const next = s[i];
      if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r')
        throw new CsvSyntaxError(line, 'text after a closing quote');
      continue;
    }
    if (c === ',') {
      fields.push(field);
      field = '';
      quoted = false;
      i += 1;
      continue;
    }
    if (c === '\r' || c === '\n') {
      endRecord();
      i += c === '\r' && s[i + 1] === '\n' ? 2 : 1;
      line += 1;
      start = line;
      continue;
    }
    if (quoted) throw new CsvSyntaxError(line, 'text after a closing quote');
    field += c;
    i += 1;
  }
  if (field !== '' || fields.length > 0 || quoted) endRecord();
  return records;
}

const FORMULA = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * One cell for export: a text a spreadsheet would run as a formula (= + - @, tab, CR
 * first) gets a leading apostrophe; quoted when it holds a comma, quote or line break.
 */
export function csvCell(value: string): string {
  const text = FORMULA.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Undoes the export's formula guard on import: `'=x` reads back as `=x`. */
export function unguard(value: string): string {
  return value.startsWith("'") && FORMULA.test(value.slice(1)) ? value.slice(1) : value;
}

export function csvLine(cells: readonly string[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}
