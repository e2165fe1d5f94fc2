import { z } from 'zod';
import type { SampleEvent, WorkflowDocument } from '@autonomic/workflow';
import { createConnectorCatalog } from '../connectors/catalog';
import { SafetyList, sampleMismatches, simulate, type SimulatedConnectors } from '../engine';
import { startExpressionPool } from '../sandbox/pool';
import { CliError } from './errors';
import { readJson } from './io';
import { readValidWorkflow } from './load';
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

/**
 * Simulates a workflow: the trace and effects report on stdout, nothing sent anywhere.
 * With `--sample`, the event and fixtures come from the workflow's stored sample, and
 * the exit code says whether the run met the sample's expectation (for CI).
 */
export async function simulateCommand([file]: string[], flags: SimulateFlags, io: CliIo): Promise<number> {
  if (!flags.event && !flags.sample) throw new CliError('simulate needs --event <event.json> or --sample <name>', 2);
  if (flags.event && flags.sample) throw new CliError('give either --event or --sample, not both', 2);
  const approvals = Approvals.safeParse(flags.approvals ?? 'approved');
  if (!approvals.success) throw new CliError(`--approvals must be one of approved, rejected, timeout`, 2);

  const document = await readValidWorkflow(file as string);
  const sample = flags.sample ? findSample(document, flags.sample) : undefined;
  const event = flags.event ? await readJson(flags.event, 'event') : sample?.event;
  const fixtures = {
    ...sample?.fixtures,
    ...(flags.fixtures ? await readWith(flags.fixtures, 'fixtures', Fixtures) : {}),
  };
  const safety = flags.safety ? await readWith(flags.safety, 'safety list', SafetyList) : undefined;

  // Expressions run in a sandbox process: a runaway one fails its step, never this process.
  const expressions = await startExpressionPool({ processes: 1 });
  const result = await simulate(document, event, {
    fixtures,
    approvals: approvals.data,
    expressions,
    connectors: shippedConnectors(),
    ...(safety ? { safety } : {}),
  }).finally(() => expressions.close());
  const mismatches = sample ? sampleMismatches(sample, result) : [];
  io.out(JSON.stringify(sample ? { sample: sample.name, mismatches, ...result } : result, null, 2));
  mismatches.forEach((m) => io.err(`sample "${sample?.name}": ${m}`));
  const stopped = result.status === 'failed' && result.error && STOPPED_BY.has(result.error.kind);
  if (stopped) io.err(`simulation stopped at step ${result.error?.stepId ?? '?'}: ${result.error?.message}`);
  return mismatches.length > 0 || stopped ? 1 : 0;
}
