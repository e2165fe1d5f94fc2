/**
 * The summary of `npm run bench` as a plain-text table (the terminal) and as Markdown
 * (docs/benchmarks.md keeps the latest one). A miss's note, and a benchmark that failed,
 * are listed under the table so that no row is wider than it must be.
 */
import type { BenchResult, Figure } from './figures';

export interface Outcome {
  name: string;
  what: string;
  result?: BenchResult;
  /** Why the benchmark has no (complete) record: it crashed or recorded nothing. */
  failure?: string;
}

export interface SummaryHeader {
  machine: string;
  started: string;
  finished: string;
}

interface Row {
  bench: string;
  figure: Figure;
}

const rowsOf = (outcomes: readonly Outcome[]): Row[] =>
  outcomes.flatMap((o) => (o.result?.figures ?? []).map((figure) => ({ bench: o.name, figure })));

function counts(rows: readonly Row[]) {
  const by = (v: string) => rows.filter((r) => r.figure.verdict === v).length;
  return `${by('PASS')} pass, ${by('MISS')} miss, ${by('INFO')} for information`;
}

/** The notes under the table: each miss's note (numbered as in the table), then failures. */
function footnotes(rows: readonly Row[], outcomes: readonly Outcome[]): string[] {
  const lines: string[] = [];
  rows.forEach((r, i) => {
    if (r.figure.note) lines.push(`[${i + 1}] ${r.figure.verdict === 'MISS' ? 'MISS: ' : ''}${r.figure.note}`);
  });
  for (const o of outcomes) if (o.failure) lines.push(`bench:${o.name} did not complete: ${o.failure}`);
  return lines;
}

function loads(outcomes: readonly Outcome[]): string {
  return outcomes
    .filter((o) => o.result)
    .map((o) => `${o.name} ${o.result?.loadStart.toFixed(2)}→${o.result?.loadEnd.toFixed(2)} (${o.result?.seconds} s)`)
    .join(', ');
}

export function renderTable(header: SummaryHeader, outcomes: readonly Outcome[]): string {
  const rows = rowsOf(outcomes);
  const cells = rows.map((r, i) => [
    `${i + 1}`,
    r.bench,
    r.figure.figure,
    r.figure.result,
    r.figure.target || '—',
    r.figure.verdict,
    r.figure.floor ?? '',
  ]);
  const head = ['#', 'bench', 'figure', 'result', 'target', 'verdict', 'floor'];
  const widths = head.map((h, c) => Math.max(h.length, ...cells.map((row) => (row[c] ?? '').length)));
  const line = (row: readonly string[]) =>
    row
      .map((cell, c) => cell.padEnd(widths[c] ?? 0))
      .join('  ')
      .trimEnd();
  return [
    `SUMMARY — ${header.machine}; ${header.started} → ${header.finished}`,
    `load average (1 min) at start → end of each: ${loads(outcomes) || 'none'}`,
    '',
    line(head),
    line(widths.map((w) => '─'.repeat(w))),
    ...cells.map(line),
    '',
    counts(rows),
    ...footnotes(rows, outcomes),
  ].join('\n');
}

const md = (text: string) => text.replace(/\|/g, '\\|');

export function renderMarkdown(header: SummaryHeader, outcomes: readonly Outcome[]): string {
  const rows = rowsOf(outcomes);
  return [
    `Machine: ${header.machine}. Run ${header.started} → ${header.finished}.`,
    '',
    `Load average (1 min) at the start → end of each benchmark: ${loads(outcomes) || 'none'}.`,
    '',
    '| # | bench | figure | result | target | verdict | floor |',
    '| - | ----- | ------ | ------ | ------ | ------- | ----- |',
    ...rows.map(
      (r, i) =>
        `| ${i + 1} | ${r.bench} | ${md(r.figure.figure)} | ${md(r.figure.result)} | ${md(r.figure.target || '—')} | ${r.figure.verdict} | ${md(r.figure.floor ?? '')} |`,
    ),
    '',
    `${counts(rows)}.`,
    '',
    ...footnotes(rows, outcomes).map((l) => `- ${md(l)}`),
    '',
  ].join('\n');
}
