/**
 * JUnit XML for `cli test --junit`, the format CI systems draw test reports from:
 * `testsuites` > one `testsuite` per workflow file > one `testcase` per case. A file whose
 * cases could not run (unreadable, invalid, no cases) is one failed testcase, so that a
 * CI report never shows a green suite for it. Times are the cases' simulated durations in
 * seconds (a one-hour approval wait counts 3600); the suite's wall time is a property.
 */
import type { CaseResult } from '@autonomic/api';
import { coverageFacts, type FileReport } from './test-report';

/**
 * A character XML 1.0 can hold at all, even escaped: not C0 controls but tab and line
 * breaks, not lone surrogates, not U+FFFE or U+FFFF. Others are replaced, or the report
 * would not parse.
 */
function xmlChar(c: number): boolean {
  return (
    c === 0x9 || c === 0xa || c === 0xd || (c >= 0x20 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd) || c >= 0x10000
  );
}

function xmlSafe(value: string): string {
  let out = '';
  // By code point: a surrogate pair is one character, a lone surrogate is one on its own.
  for (const ch of value) out += xmlChar(ch.codePointAt(0) ?? 0) ? ch : '\uFFFD';
  return out;
}

/** Text content: `&`, `<` and `>` escaped (`>` for `]]>`). */
export function xmlText(value: string): string {
  return xmlSafe(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** An attribute value in double quotes: also `"`, `'` and the line breaks a parser would fold into spaces. */
export function xmlAttr(value: string): string {
  return xmlText(value)
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;')
    .replace(/\t/g, '&#9;');
}

const seconds = (ms: number) => (ms / 1000).toFixed(3);

function attrs(values: Record<string, string | number>): string {
  return Object.entries(values)
    .map(([k, v]) => ` ${k}="${xmlAttr(String(v))}"`)
    .join('');
}

function failureBody(c: CaseResult): string {
  const failed = c.assertions
    .filter((a) => !a.passed)
    .map((a) => (a.detail ? `${a.assertion}: ${a.detail}` : a.assertion));
  return (failed.length > 0 ? failed : [c.firstFailure ?? 'failed']).join('\n');
}

function testcase(c: CaseResult, suite: string, file: string): string[] {
  const open = `    <testcase${attrs({ name: c.name, classname: suite, file, time: seconds(c.durationMs) })}`;
  const inner: string[] = [];
  if (!c.passed) {
    const message = c.firstFailure ?? 'failed';
    inner.push(`      <failure${attrs({ message, type: 'assertion' })}>${xmlText(failureBody(c))}</failure>`);
  }
  if (c.warnings.length > 0) {
    inner.push(`      <system-out>${xmlText(c.warnings.map((w) => `warning: ${w}`).join('\n'))}</system-out>`);
  }
  return inner.length === 0 ? [`${open}/>`] : [`${open}>`, ...inner, '    </testcase>'];
}

function properties(f: FileReport): string[] {
  const props: Array<[string, string]> = [
    ['time', 'testcase times are simulated durations'],
    ['wall-time-seconds', seconds(f.wallMs)],
  ];
  if (f.coverage) props.push(...coverageFacts(f.coverage));
  return [
    '    <properties>',
    ...props.map(([name, value]) => `      <property${attrs({ name, value })}/>`),
    '    </properties>',
  ];
}

function testsuite(f: FileReport): string[] {
  const name = f.workflow ?? f.file;
  const rows = f.refused
    ? [
        `    <testcase${attrs({ name: f.refused.title, classname: name, file: f.file, time: seconds(0) })}>`,
        `      <failure${attrs({ message: f.refused.title, type: 'refused' })}>${xmlText(f.refused.lines.join('\n'))}</failure>`,
        '    </testcase>',
      ]
    : f.cases.flatMap((c) => testcase(c, name, f.file));
  const tests = f.refused ? 1 : f.cases.length;
  const failures = f.refused ? 1 : f.cases.filter((c) => !c.passed).length;
  const time = f.cases.reduce((sum, c) => sum + c.durationMs, 0);
  return [
    `  <testsuite${attrs({ name, file: f.file, tests, failures, errors: 0, skipped: 0, time: seconds(time) })}>`,
    ...properties(f),
    ...rows,
    '  </testsuite>',
  ];
}

/** The whole JUnit document for a `cli test` run. */
export function junitXml(files: readonly FileReport[]): string {
  const tests = files.reduce((n, f) => n + (f.refused ? 1 : f.cases.length), 0);
  const failures = files.reduce((n, f) => n + (f.refused ? 1 : f.cases.filter((c) => !c.passed).length), 0);
  const time = files.reduce((ms, f) => ms + f.cases.reduce((sum, c) => sum + c.durationMs, 0), 0);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${attrs({ name: 'Autonomic playbook tests', tests, failures, errors: 0, time: seconds(time) })}>`,
    ...files.flatMap(testsuite),
    '</testsuites>',
    '',
  ].join('\n');
}
