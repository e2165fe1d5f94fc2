/**
 * A CSV file read as a table with a fixed header (the asset inventory, the safety lists):
 * the header row must be exactly the export's columns, each data row must have as many
 * fields, and every problem names its row and column as `body.csv.row 3.kind`, so an
 * import is refused as a whole with every bad cell listed.
 */
import { ValidationError } from '../errors';
import { CsvSyntaxError, parseCsv, unguard } from './assets/csv';

export interface CsvProblem {
  path: string;
  message: string;
}

/** One data row: `row` counts data rows from 1 (the header is row 0); cells trimmed and unguarded. */
export interface CsvTableRow<C extends string> {
  row: number;
  cell(column: C): string;
}

/** `body.csv.row 3.criticality`, `body.csv.header`, `body.csv` (the whole file). */
export function csvPath(row: number, column: string): string {
  return column === 'file' ? 'body.csv' : column === 'header' ? 'body.csv.header' : `body.csv.row ${row}.${column}`;
}

/**
 * The data rows of `text`, and the rows that have the wrong number of fields as problems
 * (for the caller to report with its own cell problems); a syntax error, a wrong header,
 * no rows or more than `maxRows` throw a ValidationError at once.
 */
export function readCsvTable<C extends string>(
  text: string,
  columns: readonly C[],
  maxRows: number,
): { rows: CsvTableRow<C>[]; problems: CsvProblem[] } {
  let records;
  try {
    records = parseCsv(text);
  } catch (e) {
    if (e instanceof CsvSyntaxError) throw csvRefused([{ path: csvPath(0, 'file'), message: e.message }]);
    throw e;
  }
  const [header, ...data] = records;
  const names = header?.fields.map((f) => f.trim().toLowerCase()) ?? [];
  if (names.length !== columns.length || names.some((n, i) => n !== columns[i]))
    throw csvRefused([{ path: csvPath(0, 'header'), message: `the header row must be ${columns.join(',')}` }]);
  if (data.length === 0) throw csvRefused([{ path: csvPath(0, 'file'), message: 'no data rows' }]);
  if (data.length > maxRows) throw csvRefused([{ path: csvPath(0, 'file'), message: `more than ${maxRows} rows` }]);
  const problems: CsvProblem[] = [];
  const rows: CsvTableRow<C>[] = [];
  data.forEach((rec, i) => {
    const row = i + 1;
    if (rec.fields.length !== columns.length) {
      problems.push({
        path: `body.csv.row ${row}`,
        message: `line ${rec.line} has ${rec.fields.length} fields, expected ${columns.length}`,
      });
      return;
    }
    rows.push({ row, cell: (c) => unguard(rec.fields[columns.indexOf(c)]?.trim() ?? '') });
  });
  return { rows, problems };
}

/** "CSV refused, nothing imported: <the first problem> (and n more)", with the first 50 as details. */
export function csvRefused(problems: readonly CsvProblem[]): ValidationError {
  const first = problems[0];
  return new ValidationError(
    `CSV refused, nothing imported: ${first ? `${first.path}: ${first.message}` : 'invalid'}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''}`,
    problems.slice(0, 50),
  );
}
