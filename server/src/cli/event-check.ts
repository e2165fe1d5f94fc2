/**
 * The CLI refuses an event its trigger would refuse, with the live trigger's own check
 * (the webhook's `EventSchemas`): the same message and the same fields, under `event`.
 */
import type { WorkflowDocument } from '@autonomic/workflow';
import { describeProblems, EventSchemas, INVALID_EVENT } from '../services/runs/event-schema';
import { CliError } from './errors';

/** Throws a CliError (exit 1) naming each field when `event` does not fit the trigger's input schema. */
export function eventFitsOrThrow(document: WorkflowDocument, event: unknown): void {
  const problems = new EventSchemas().check('cli', document.trigger.inputSchema, event, 'event');
  if (problems.length > 0) throw new CliError(`${INVALID_EVENT}: ${describeProblems(problems)}`);
}
