import { writeFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import type { WorkflowDocument } from '@autonomic/workflow';
import { runCases, SafetyList, type CaseRunOptions } from '../engine';
import { startExpressionPool } from '../sandbox/pool';
import { EventSchemas } from '../services/runs/event-schema';
import { shippedConnectors } from './connectors';
import { CliError, oneLine, refusal } from './errors';
import { eventProblemsOf } from './event-check';
import { readWith } from './io';
import { junitXml } from './junit';
import { problemLine, readWorkflow } from './load';
import type { CliIo } from './run';
import { filePassed, formatTestRun, type FileReport } from './test-report';

export interface TestFlags {
  /** Where to write the JUnit XML report. */
  junit?: string;
  /** The raw results as JSON instead of the readable summary. */
  json?: boolean;
  /** The organisation's protected and auto-OK lists; each case's own entries are added. */
  safety?: string;
}

/** What every case of every file runs with: the shipped connectors' examples, never a credential or the network. */
type SharedOptions = Required<Pick<CaseRunOptions, 'connectors' | 'expressions'>> & Pick<CaseRunOptions, 'safety'>;

const refused = (file: string, title: string, lines: string[], workflow?: string): FileReport => ({
  file,
  ...(workflow !== undefined ? { workflow } : {}),
  cases: [],
  refused: { title, lines },
  wallMs: 0,
});

async function load(file: string): Promise<WorkflowDocument | FileReport> {
  let read;
  try {
    read = await readWorkflow(file);
  } catch (e) {
    if (e instanceof CliError) return refused(file, 'cannot be read', [e.message]);
    throw e;
  }
  const { document, problems } = read;
  if (problems.length > 0 || !document) {
    return refused(
      file,
      `invalid: ${problems.length} problem${problems.length === 1 ? '' : 's'}`,
      problems.map(problemLine),
    );
  }
  return document;
}

/** Runs one file's cases. A file that cannot be read, is invalid or has no case fails: a CI gate must not pass on nothing. */
async function testFile(file: string, shared: SharedOptions, schemas: EventSchemas): Promise<FileReport> {
  const loaded = await load(file);
  if (!('formatVersion' in loaded)) return loaded;
  const doc = loaded;
  const workflow = doc.metadata.name;
  if (doc.tests.length === 0) {
    return refused(file, 'no test cases', ['the playbook has no test cases: nothing would prove it works'], workflow);
  }
  const started = performance.now();
  try {
    const { outcomes, coverage } = await runCases(doc, { ...shared, eventProblems: eventProblemsOf(schemas, doc) });
    return { file, workflow, cases: outcomes.map((o) => o.result), coverage, wallMs: performance.now() - started };
  } catch (e) {
    // The engine refusing the whole document (a limit, say) is this file's failure, not the run's.
    const said = refusal(e, 'the cases could not run');
    if (!said) throw e;
    return refused(file, 'cases not run', said.message.split('\n').map(oneLine), workflow);
  }
}

/**
 * Runs the test cases stored in each workflow file (simulation only: nothing is sent),
 * prints a summary and the coverage (or `--json`), writes JUnit with `--junit`. Exit 0
 * when every case of every file passed; 1 when a case failed or a file is unreadable,
 * invalid or has no case.
 */
export async function testCommand(files: string[], flags: TestFlags, io: CliIo): Promise<number> {
  const safety = flags.safety ? await readWith(flags.safety, 'safety list', SafetyList) : undefined;
  // Expressions run in a sandbox process: a runaway one fails its step, never this process.
  const expressions = await startExpressionPool({ processes: 1 });
  const shared: SharedOptions = { connectors: shippedConnectors(), expressions, ...(safety ? { safety } : {}) };
  const schemas = new EventSchemas();
  const reports: FileReport[] = [];
  try {
    for (const file of files) reports.push(await testFile(file, shared, schemas));
  } finally {
    await expressions.close();
  }
  const passed = reports.every(filePassed);
  if (flags.json) {
    io.out(JSON.stringify({ passed, files: reports.map((r) => ({ ...r, passed: filePassed(r) })) }, null, 2));
  } else {
    formatTestRun(reports, io.color === true).forEach((line) => io.out(line));
  }
  if (flags.junit) {
    try {
      await writeFile(flags.junit, junitXml(reports));
    } catch (e) {
      throw new CliError(`junit ${flags.junit}: cannot be written (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  }
  return passed ? 0 : 1;
}
