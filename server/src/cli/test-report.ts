/**
 * The readable summary of `cli test`, for a person or a CI log: per file, each case
 * (✓/✗, name, final status, the first failed assertion, warnings), then the coverage
 * (edges, every destructive step and every error port by name, the uncovered edges).
 * `--json` prints the raw results instead; `--junit` the same facts as JUnit XML.
 */
import type { CaseResult } from '@autonomic/api';
import type { Coverage, EdgeCoverage } from '@autonomic/workflow';
import { oneLine } from './errors';
import { palette, type Palette } from './report';

/** What `cli test` found for one workflow file. */
export interface FileReport {
  file: string;
  /** The playbook's name, when the file could be read as one. */
  workflow?: string;
  cases: CaseResult[];
  coverage?: Coverage;
  /** Why the file's cases did not run: the title, then one line per reason (problems as `validate` prints them). */
  refused?: { title: string; lines: string[] };
  /** Wall time the file's cases took here. */
  wallMs: number;
}

export const filePassed = (f: FileReport): boolean => !f.refused && f.cases.every((c) => c.passed);

const quoted = (names: readonly string[]) => names.map((n) => `"${oneLine(n)}"`).join(', ');
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export const edgeText = (e: EdgeCoverage): string => `${e.from}.${e.port} → ${e.to}`;

/** `reached by "a", refused by "b"`, `reached by "a", refused in no case[, held back … by "c"]`, or `NOT reached`. */
export function destructiveText(d: Coverage['destructive'][number]): string {
  if (d.reachedBy.length === 0) return 'NOT reached';
  const refused = d.refusedBy.length > 0 ? `refused by ${quoted(d.refusedBy)}` : 'refused in no case';
  const held = d.heldBackBy.length > 0 ? `, held back from a protected target by ${quoted(d.heldBackBy)}` : '';
  return `reached by ${quoted(d.reachedBy)}, ${refused}${held}`;
}

export function errorPortText(p: Coverage['errorPorts'][number]): string {
  return p.cases.length > 0 ? `covered by ${quoted(p.cases)}` : 'NOT covered';
}

/** Coverage as name/value pairs (the JUnit suite's properties). */
export function coverageFacts(c: Coverage): Array<[string, string]> {
  return [
    ['coverage.edges', `${c.covered}/${c.total}`],
    ['coverage.percent', String(c.percent)],
    ...c.destructive.map((d): [string, string] => [`coverage.destructive.${d.stepId}`, destructiveText(d)]),
    ...c.errorPorts.map((p): [string, string] => [`coverage.error-port.${p.stepId}`, errorPortText(p)]),
    [
      'coverage.uncovered-edges',
      c.edges
        .filter((e) => e.cases.length === 0)
        .map(edgeText)
        .join('; '),
    ],
  ];
}

function caseLines(c: CaseResult, p: Palette): string[] {
  const mark = c.passed ? p.ok('✓') : p.bad('✗');
  const status = c.status ?? 'not run';
  const lines = [`  ${mark} ${oneLine(c.name)}  ${p.dim(status)}`];
  if (!c.passed) lines.push(`      ${p.bad(oneLine(c.firstFailure ?? 'failed'))}`);
  for (const w of c.warnings) lines.push(`      ${p.warn(`warning: ${oneLine(w)}`)}`);
  return lines;
}

function coverageLines(c: Coverage, p: Palette): string[] {
  const lines = [`  ${p.bold('Coverage:')} edges ${c.covered}/${c.total} (${c.percent} %)`];
  for (const d of c.destructive) {
    const text = destructiveText(d);
    lines.push(`    destructive ${d.stepId} "${oneLine(d.label)}": ${d.reachedBy.length > 0 ? text : p.bad(text)}`);
  }
  for (const e of c.errorPorts) {
    const text = errorPortText(e);
    lines.push(`    error port of ${e.stepId} "${oneLine(e.label)}": ${e.cases.length > 0 ? text : p.bad(text)}`);
  }
  const uncovered = c.edges.filter((e) => e.cases.length === 0);
  if (uncovered.length > 0) {
    lines.push(`    uncovered edges (${uncovered.length}):`);
    for (const e of uncovered) lines.push(`      ${edgeText(e)}`);
  }
  return lines;
}

function fileLines(f: FileReport, p: Palette): string[] {
  const title = f.workflow ? `${f.workflow} (${f.file})` : f.file;
  if (f.refused) return [`${p.bad('✗')} ${p.bold(title)}: ${f.refused.title}`, ...f.refused.lines];
  const failed = f.cases.filter((c) => !c.passed).length;
  const verdict = failed > 0 ? p.bad(`${failed} failed`) : p.ok('all passed');
  return [
    `${filePassed(f) ? p.ok('✓') : p.bad('✗')} ${p.bold(title)}: ${plural(f.cases.length, 'case')}, ${verdict}`,
    ...f.cases.flatMap((c) => caseLines(c, p)),
    ...(f.coverage ? coverageLines(f.coverage, p) : []),
  ];
}

/** The whole summary, one string per line, ending with the verdict over every file. */
export function formatTestRun(files: readonly FileReport[], color: boolean): string[] {
  const p = palette(color);
  const cases = files.flatMap((f) => f.cases);
  const failedCases = cases.filter((c) => !c.passed).length;
  const failedFiles = files.filter((f) => !filePassed(f)).length;
  const verdict = `${plural(files.length, 'file')}, ${plural(cases.length, 'case')}: ${cases.length - failedCases} passed, ${failedCases} failed`;
  const refused = files.filter((f) => f.refused).length;
  const tail = refused > 0 ? `; ${plural(refused, 'file')} not run` : '';
  return [
    ...files.flatMap((f, i) => [...(i > 0 ? [''] : []), ...fileLines(f, p)]),
    '',
    failedFiles > 0 ? p.bad(`FAILED ${verdict}${tail}`) : p.ok(`PASSED ${verdict}`),
  ];
}
