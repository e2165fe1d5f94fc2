/**
 * The CLI refuses an event its trigger would refuse, with the live trigger's own check
 * (`EventSchemas.assertFits`, as the webhook and manual runs): the same message and the
 * same fields, under `event`, said as any refusal (`refusal`), exit 1.
 */
import { contentHash, type WorkflowDocument } from '@autonomic/workflow';
import { EventSchemas } from '../services/runs/event-schema';
import { refusal } from './errors';

/** Throws a CliError (exit 1: the reason, then one line per field) when `event` does not fit the trigger's input schema. */
export function eventFitsOrThrow(document: WorkflowDocument, event: unknown, file: string): void {
  try {
    new EventSchemas().assertFits('cli', document.trigger.inputSchema, event, 'event');
  } catch (e) {
    throw refusal(e, `cannot simulate ${file}`) ?? e;
  }
}

/**
 * The live trigger's check as a list (`event.src_ip is required`), for `runCases`: a case
 * whose event the webhook would refuse fails unrun. Keyed by the document's content hash,
 * so one `EventSchemas` serves every file of a `test` run without mixing their schemas.
 */
export function eventProblemsOf(schemas: EventSchemas, document: WorkflowDocument): (event: unknown) => string[] {
  const key = contentHash(document);
  return (event) =>
    schemas.check(key, document.trigger.inputSchema, event, 'event').map((d) => `${d.path} ${d.message}`);
}
