/**
 * CSV for spreadsheets (RFC 4180): quoted when a cell holds a quote, comma or line break;
 * text cells that a spreadsheet would run as a formula (= + - @, tab, carriage return
 * first) get a leading apostrophe. Numbers are written as numbers, so a negative time
 * saved stays a number. (The runs export writes the same format in SQL: store/dashboard-csv.ts.)
 */
export type CsvValue = string | number | Date | null;

const FORMULA = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export function csvCell(value: CsvValue): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(Math.round(value * 1000) / 1000) : '';
  if (value instanceof Date) return value.toISOString();
  const text = FORMULA.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const csvLine = (cells: readonly CsvValue[]): string => `${cells.map(csvCell).join(',')}\r\n`;
