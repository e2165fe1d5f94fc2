import { z } from 'zod';
import { Role } from '../actor';

/** A workflow id, or its slug. */
export const WorkflowRef = z.string().min(1).max(200);
export const VersionNumber = z.coerce.number().int().min(1).max(2_147_483_647);
export const WorkflowParams = z.object({ id: WorkflowRef });
export const WorkflowVersionParams = z.object({ id: WorkflowRef, number: VersionNumber });

/**
 * A user as the directory and the signed-in answer show them: enough to name and pick
 * someone, never the password or the disabled flag. (Shared by the auth and users areas.)
 */
export const UserSummary = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  role: Role,
});
export type UserSummary = z.infer<typeof UserSummary>;

/** Where a run stands; `succeeded`, `failed` and `cancelled` are final. (Shared by the runs, workflows and triggers areas.) */
export const RunStatus = z.enum(['queued', 'running', 'waiting', 'succeeded', 'failed', 'cancelled']);
export type RunStatus = z.infer<typeof RunStatus>;

/** One thing wrong with a workflow document, attached to the node the editor highlights (`Problem` of @autonomic/workflow). */
export const Problem = z.object({
  /** A step or trigger id, or `"workflow"` for a document-level problem. */
  nodeId: z.string(),
  /** Dotted path inside the node, or `""`. */
  path: z.string(),
  message: z.string(),
});
export type Problem = z.infer<typeof Problem>;
