import { z } from 'zod';

/** A workflow id, or its slug. */
export const WorkflowRef = z.string().min(1).max(200);
export const VersionNumber = z.coerce.number().int().min(1).max(2_147_483_647);
export const WorkflowParams = z.object({ id: WorkflowRef });
export const WorkflowVersionParams = z.object({ id: WorkflowRef, number: VersionNumber });
