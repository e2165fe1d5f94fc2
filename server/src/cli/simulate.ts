import { z } from 'zod';
import { SafetyList, simulate, type ApprovalPolicy } from '../engine';
import { CliError } from './errors';
import { readJson } from './io';
import { readValidWorkflow } from './load';
import type { CliIo } from './run';

const Fixtures = z.record(z.string(), z.unknown());
const Approvals = z.enum(['approved', 'rejected', 'timeout']);

export interface SimulateFlags {
  event?: string;
  fixtures?: string;
  safety?: string;
  approvals?: string;
}

/** Parses a JSON file with a schema; an invalid one is reported with the field at fault. */
async function readWith<T>(path: string, what: string, schema: z.ZodType<T>): Promise<T> {
  const parsed = schema.safeParse(await readJson(path, what));
  if (parsed.success) return parsed.data;
  const first = parsed.error.issues[0];
  const at = first && first.path.length > 0 ? ` at ${first.path.join('.')}` : '';
  throw new CliError(`${what} ${path}: ${first?.message ?? 'invalid'}${at}`);
}

/** Simulates a workflow: the trace and effects report on stdout, nothing sent anywhere. */
export async function simulateCommand([file]: string[], flags: SimulateFlags, io: CliIo): Promise<number> {
  if (!flags.event) throw new CliError('simulate needs --event <event.json>', 2);
  const approvals = Approvals.safeParse(flags.approvals ?? 'approved');
  if (!approvals.success) throw new CliError(`--approvals must be one of approved, rejected, timeout`, 2);

  const document = await readValidWorkflow(file as string);
  const event = await readJson(flags.event, 'event');
  const fixtures = flags.fixtures ? await readWith(flags.fixtures, 'fixtures', Fixtures) : {};
  const safety = flags.safety ? await readWith(flags.safety, 'safety list', SafetyList) : undefined;

  const result = await simulate(document, event, {
    fixtures,
    approvals: approvals.data as ApprovalPolicy,
    ...(safety ? { safety } : {}),
  });
  io.out(JSON.stringify(result, null, 2));
  return 0;
}
