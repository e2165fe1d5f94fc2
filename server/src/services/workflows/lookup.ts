/** Loading what a request names, or a 404. */
import type { Db } from '../../store/db';
import { NotFoundError } from '../../errors';
import { findVersion, type VersionRecord } from '../../store/versions';
import { findWorkflow, type WorkflowRow } from '../../store/workflows';

export async function workflowOrThrow(db: Db, ref: string): Promise<WorkflowRow> {
  const w = await findWorkflow(db, ref);
  if (!w) throw new NotFoundError('workflow');
  return w;
}

export async function versionOrThrow(db: Db, workflowId: string, number: number): Promise<VersionRecord> {
  const v = await findVersion(db, workflowId, number);
  if (!v) throw new NotFoundError(`version ${number}`);
  return v;
}

export async function workflowAndVersion(
  db: Db,
  ref: string,
  number: number,
): Promise<{ workflow: WorkflowRow; version: VersionRecord }> {
  const workflow = await workflowOrThrow(db, ref);
  return { workflow, version: await versionOrThrow(db, workflow.id, number) };
}
