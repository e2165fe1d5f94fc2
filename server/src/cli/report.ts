import type { WorkflowDocument } from '@autonomic/workflow';
import type { AttemptRecord, EffectReportEntry, SimulationResult } from '../engine';
import { oneLine } from './errors';

/**
 * The readable form of a simulation, for a person or a CI log: the trace one line per
 * step attempt in execution order (for-each rounds and child runs indented), the effects
 * report, then the outcome. `--json` prints the raw result instead.
 */

/** ANSI styles, or none: colours only when stdout is a terminal and NO_COLOR is unset. */
export interface Palette {
  ok(text: string): string;
  bad(text: string): string;
  warn(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
}

const ansi = (code: number) => (text: string) => `\u001b[${code}m${text}\u001b[0m`;
const plain = (text: string) => text;

export function palette(color: boolean): Palette {
  if (!color) return { ok: plain, bad: plain, warn: plain, dim: plain, bold: plain };
  return { ok: ansi(32), bad: ansi(31), warn: ansi(33), dim: ansi(2), bold: ansi(1) };
}

/** https://no-color.org: any non-empty NO_COLOR turns colours off. */
export function wantsColor(isTTY: boolean | undefined, env: Readonly<Record<string, string | undefined>>): boolean {
  return isTTY === true && !env.NO_COLOR;
}

/** The run's output is printed on one line, cut here: `--json` has all of it. */
export const MAX_OUTPUT_CHARS = 2_000;

/** Simulated time: a one-hour approval wait shows as `1 h`. */
export function formatDuration(ms: number): string {
  if (ms < 1_000) return `${ms} ms`;
  const round = (n: number) => String(Math.round(n * 10) / 10);
  if (ms < 60_000) return `${round(ms / 1_000)} s`;
  if (ms < 3_600_000) return `${round(ms / 60_000)} min`;
  if (ms < 86_400_000) return `${round(ms / 3_600_000)} h`;
  return `${round(ms / 86_400_000)} d`;
}

/** Where a simulated step's output came from, when the engine says (fixture, example, live_read, default). */
function sourceOf(a: AttemptRecord): string | undefined {
  return 'source' in a && typeof a.source === 'string' ? a.source : undefined;
}

/** For-each rounds (`check_url[0]`, `a[1][2]`) one level each; a child run's steps one more. */
function depthOf(a: AttemptRecord, rootRunId: string): number {
  const rounds = a.stepKey.match(/\[\d+\]/g)?.length ?? 0;
  return rounds + (a.runId === rootRunId ? 0 : 1);
}

function labelOf(doc: WorkflowDocument, stepId: string): string {
  return doc.steps[stepId]?.label ?? (doc.trigger.id === stepId ? doc.trigger.label : '');
}

/** A table cell and how to style it once padded (escape codes would throw the widths off). */
type Cell = [text: string, style?: (text: string) => string];

/** Pads every column but the last to its widest cell, then styles and joins each row. */
function table(rows: Cell[][]): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach(([text], i) => (widths[i] = Math.max(widths[i] ?? 0, text.length)));
  return rows.map((row) =>
    row
      .map(([text, style = plain], i) => {
        const padding = i === row.length - 1 ? '' : ' '.repeat((widths[i] ?? 0) - text.length);
        return `${style(text)}${padding}`;
      })
      .join('  ')
      .trimEnd(),
  );
}

function statusStyle(p: Palette, status: string): (text: string) => string {
  if (status === 'succeeded') return p.ok;
  if (status === 'failed' || status === 'cancelled') return p.bad;
  return p.warn;
}

function traceLines(result: SimulationResult, doc: WorkflowDocument, p: Palette): string[] {
  if (result.trace.length === 0) return ['  (no step ran)'];
  const rows = result.trace.map((a) => {
    const key = `${'  '.repeat(depthOf(a, result.runId))}${a.stepKey}${a.attempt > 1 ? ` (attempt ${a.attempt})` : ''}`;
    const duration = a.finishedAt === undefined ? '-' : formatDuration(a.finishedAt - a.startedAt);
    const source = sourceOf(a);
    const tail = [
      a.port ? `→ ${a.port}` : '',
      source ? `[${source}]` : '',
      a.error ? `${a.error.kind}: ${oneLine(a.error.message)}` : '',
      a.retryInMs !== undefined ? `retry in ${formatDuration(a.retryInMs)}` : '',
    ].filter(Boolean);
    const row: Cell[] = [
      [`  ${key}`],
      [labelOf(doc, a.stepId)],
      [a.nodeType, p.dim],
      [a.status, statusStyle(p, a.status)],
      [duration],
      [tail.join('  ')],
    ];
    return row;
  });
  return table(rows);
}

function decisionText(e: EffectReportEntry): string {
  if (e.decision !== 'refused') return e.decision;
  return e.criticality ? `refused (${e.criticality})` : 'refused';
}

function effectLines(effects: readonly EffectReportEntry[], p: Palette): string[] {
  if (effects.length === 0) return ['  none: no write or destructive action was reached'];
  const rows = effects.map((e): Cell[] => [
    [decisionText(e), e.decision === 'refused' ? p.bad : e.decision === 'auto-ok' ? p.ok : p.warn],
    [e.stepKey],
    [e.effect],
    [e.action],
    [
      [e.target ? `target ${e.target.kind} ${e.target.value}` : '', e.reason ? `reason: ${oneLine(e.reason)}` : '']
        .filter(Boolean)
        .join('  '),
    ],
  ]);
  return table(rows).map((line) => `  ${line}`);
}

function outputText(output: unknown): string {
  const text = JSON.stringify(output) ?? String(output);
  if (text.length <= MAX_OUTPUT_CHARS) return text;
  return `${text.slice(0, MAX_OUTPUT_CHARS)}… (${text.length - MAX_OUTPUT_CHARS} more characters; --json prints all)`;
}

function outcomeLines(result: SimulationResult, p: Palette): string[] {
  const lines = [
    `${p.bold('Result:')} ${statusStyle(p, result.status)(result.status)} after ${formatDuration(result.durationMs)} of simulated time`,
  ];
  if (result.message !== undefined) lines.push(`  message: ${oneLine(result.message)}`);
  if (result.error) {
    const at = result.error.stepKey ?? result.error.stepId;
    lines.push(`  error${at ? ` at ${at}` : ''}: ${result.error.kind}: ${oneLine(result.error.message)}`);
  }
  if (result.output !== undefined) lines.push(`  output: ${outputText(result.output)}`);
  return lines;
}

/** The whole readable report, one string per line. */
export function formatSimulation(result: SimulationResult, doc: WorkflowDocument, color: boolean): string[] {
  const p = palette(color);
  const lines = [
    `${p.bold(`Simulation of "${doc.metadata.name}"`)} ${p.dim('(nothing was sent)')}`,
    '',
    p.bold(`Trace (${result.trace.length} step attempt${result.trace.length === 1 ? '' : 's'})`),
    ...traceLines(result, doc, p),
    '',
    p.bold(`Effects (${result.effects.length})`),
    ...effectLines(result.effects, p),
  ];
  if (result.notes.length > 0) {
    lines.push('', p.bold(`Notes (${result.notes.length})`));
    for (const n of result.notes) lines.push(`  ${n.stepKey}: ${oneLine(n.message)}`);
  }
  if (result.bounds) {
    lines.push('', p.bold(`Loops that reached their maximum (${result.bounds.length})`));
    for (const b of result.bounds) lines.push(`  ${b.message}`);
  }
  lines.push('', ...outcomeLines(result, p));
  return lines;
}
