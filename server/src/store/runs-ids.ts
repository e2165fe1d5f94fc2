/**
 * Engine run ids and database row ids. A top-level run's engine id is its row id (a
 * UUID). A sub-workflow's child run has the engine id `${parentId}/${stepKey}` (derived,
 * so that a re-executed step finds its child again); its row id is a UUID computed from
 * that string, so the store finds the row from the engine id without a lookup.
 */
import { createHash } from 'node:crypto';
import { migrateToLatest, WorkflowDocument } from '@autonomic/workflow';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (s: string): boolean => UUID.test(s);

/** The row id of an engine run id: itself when a UUID, else a name-based UUID (version 8, SHA-256). */
export function dbRunId(engineId: string): string {
  if (UUID.test(engineId)) return engineId.toLowerCase();
  const b = createHash('sha256').update(`autonomic-run:${engineId}`).digest();
  b[6] = 0x80 | ((b[6] ?? 0) & 0x0f);
  b[8] = 0x80 | ((b[8] ?? 0) & 0x3f);
  const h = b.subarray(0, 16).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** The engine run id of an approval task id (`${runId}:${stepKey}`; neither part contains ':'). */
export function runIdOfTask(taskId: string): string {
  const i = taskId.lastIndexOf(':');
  return i < 0 ? taskId : taskId.slice(0, i);
}

/** A stored version's document, migrated to the current format and parsed (with defaults). */
export function parseStoredDocument(raw: unknown): WorkflowDocument {
  const migrated = migrateToLatest(raw);
  if (!migrated.ok) throw new Error(`stored document does not migrate: ${migrated.problems[0]?.message ?? ''}`);
  return WorkflowDocument.parse(migrated.value);
}
