import { z } from 'zod';
import type { SampleEvent, WorkflowDocument } from '@autonomic/workflow';
import { createConnectorCatalog } from '../connectors/catalog';
import { SafetyList, sampleMismatches, simulate, type SimulatedConnectors, type SimulationResult } from '../engine';
import { startExpressionPool } from '../sandbox/pool';
import { eventFitsOrThrow } from './event-check';
import { CliError, refusal } from './errors';
import { readJson } from './io';
import { readValidWorkflow } from './load';
import { formatSimulation } from './report';
import type { CliIo } from './run';

/** Failures of the expression itself (not of the playbook's logic): the CLI exits 1 with one line. */
const STOPPED_BY: ReadonlySet<string> = new Set(['expression', 'budget_exceeded', 'output_too_large']);

const Fixtures = z.record(z.string(), z.unknown());
const Approvals = z.enum(['approved', 'rejected', 'timeout']);

export interface SimulateFlags {
  event?: string;
  fixtures?: string;
  safety?: string;
  approvals?: string;
  sample?: string;
  /** The raw result as JSON (the shape scripts read) instead of the readable report. */
  json?: boolean;
  /** The run is meant to end failed: exit 0 when it does, 1 when it succeeds. */
  expectFailure?: boolean;
}

/**
 * The shipped connectors, so that a connector step answers with its pinned action's
 * example. No credentials: the CLI holds none, and sends nothing anyway.
 */
function shippedConnectors(): SimulatedConnectors {
  const catalog = createConnectorCatalog();
  return { definition: (id, version) => catalog.get(id, version) };
}

/** Parses a JSON file with a schema; an invalid one is reported with the field at fault. */
async function readWith<T>(path: string, what: string, schema: z.ZodType<T>): Promise<T> {
  const parsed = schema.safeParse(await readJson(path, what));
  if (parsed.success) return parsed.data;
  const first = parsed.error.issues[0];
  const at = first && first.path.length > 0 ? ` at ${first.path.join('.')}` : '';
  throw new CliError(`${what} ${path}: ${first?.message ?? 'invalid'}${at}`);
}

function findSample(document: WorkflowDocument, name: string): SampleEvent {
  const sample = document.samples.find((s) => s.name === name);
  if (!sample) {
    const names = document.samples.map((s) => `"${s.name}"`).join(', ') || 'none';
    throw new CliError(`no sample named "${name}" in the workflow (samples: ${names})`);
  }
  return sample;
}

/** A run counts as failed for `--expect-failure` when it ends failed or cancelled. */
const ENDED_FAILED: ReadonlySet<string> = new Set(['failed', 'cancelled']);

/**
 * What the exit code checks, one sentence per miss. With `--sample`, the sample's own
 * `expect` decides, and a sample that states no status must end as the flags say
 * (succeeded, or failed with `--expect-failure`); without, only the status is checked.
 */
function misses(result: SimulationResult, sample: SampleEvent | undefined, expectFailure: boolean): string[] {
  if (sample) return sampleMismatches(sample, result, { defaultStatus: expectFailure ? 'failed' : 'succeeded' });
  const met = expectFailure ? ENDED_FAILED.has(result.status) : result.status === 'succeeded';
  return met ? [] : [`expected status ${expectFailure ? 'failed' : 'succeeded'}, got ${result.status}`];
}

/**
 * Simulates a workflow: the trace and effects report on stdout (readable, or the raw
 * result with `--json`), nothing sent anywhere. Exits 0 when the run ended as expected
 * (succeeded; failed with `--expect-failure`; with `--sample`, as the sample expects),
 * 1 otherwise, with one line per miss on stderr.
 */
export async function simulateCommand([file]: string[], flags: SimulateFlags, io: CliIo): Promise<number> {
  if (!flags.event && !flags.sample) throw new CliError('simulate needs --event <event.json> or --sample <name>', 2);
  if (flags.event && flags.sample) throw new CliError('give either --event or --sample, not both', 2);
  const approvals = Approvals.safeParse(flags.approvals ?? 'approved');
  if (!approvals.success) throw new CliError(`--approvals must be one of approved, rejected, timeout`, 2);
  const expectFailure = flags.expectFailure === true;

  const document = await readValidWorkflow(file as string);
  const sample = flags.sample ? findSample(document, flags.sample) : undefined;
  if (sample?.expect?.status === 'succeeded' && expectFailure) {
    throw new CliError(`--expect-failure contradicts sample "${sample.name}", which expects status succeeded`, 2);
  }
  const event = flags.event ? await readJson(flags.event, 'event') : sample?.event;
  eventFitsOrThrow(document, event, file as string);
  const fixtures = {
    ...sample?.fixtures,
    ...(flags.fixtures ? await readWith(flags.fixtures, 'fixtures', Fixtures) : {}),
  };
  const safety = flags.safety ? await readWith(flags.safety, 'safety list', SafetyList) : undefined;

  // Expressions run in a sandbox process: a runaway one fails its step, never this process.
  const expressions = await startExpressionPool({ processes: 1 });
  let result: SimulationResult;
  try {
    result = await simulate(document, event, {
      fixtures,
      approvals: approvals.data,
      expressions,
      connectors: shippedConnectors(),
      ...(safety ? { safety } : {}),
    });
  } catch (e) {
    // The engine refusing to start (an event its trigger would not accept, say): said, exit 1.
    throw refusal(e, `cannot simulate ${file as string}`) ?? e;
  } finally {
    await expressions.close();
  }
  if (flags.json) {
    io.out(
      JSON.stringify(
        sample ? { sample: sample.name, mismatches: misses(result, sample, expectFailure), ...result } : result,
        null,
        2,
      ),
    );
  } else {
    formatSimulation(result, document, io.color === true).forEach((line) => io.out(line));
  }
  const stopped = result.status === 'failed' && result.error && STOPPED_BY.has(result.error.kind);
  if (stopped) {
    // A sandbox limit or a broken expression is a bug in the playbook, never the failure a test expects.
    io.err(`simulation stopped at step ${result.error?.stepId ?? '?'}: ${result.error?.message}`);
    return 1;
  }
  const missed = misses(result, sample, expectFailure);
  missed.forEach((m) => io.err(sample ? `sample "${sample.name}": ${m}` : m));
  return missed.length > 0 ? 1 : 0;
}
