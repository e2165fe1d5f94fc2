/**
 * Where a connector is used: per version, the workflows whose published or latest version
 * pins it in a step. What the connectors page lists before offering an upgrade.
 */
import { z } from 'zod';
import { VersionStatus } from './workflows';

/** One workflow version that pins the connector version, with the steps that do. */
export const ConnectorUsage = z.object({
  workflowId: z.uuid(),
  slug: z.string(),
  name: z.string(),
  number: z.number().int(),
  status: VersionStatus,
  /** The version triggers run. */
  published: z.boolean(),
  /** The workflow's newest version (an upgrade starts from it). */
  latest: z.boolean(),
  steps: z.array(z.object({ stepId: z.string(), action: z.string() })),
  /** Whether the caller may change the workflow (its owner or an admin): who may start an upgrade. */
  canEdit: z.boolean(),
});
export type ConnectorUsage = z.infer<typeof ConnectorUsage>;

/** A connector's versions (installed ones, and any other one still pinned) with their usages, oldest first. */
export const ConnectorUsages = z.object({
  connectorId: z.string(),
  /** The newest installed version: what an upgrade goes to. */
  newestVersion: z.string(),
  versions: z.array(
    z.object({
      version: z.string(),
      /** False for a pinned version that is not (or no longer) installed. */
      installed: z.boolean(),
      usages: z.array(ConnectorUsage),
    }),
  ),
});
export type ConnectorUsages = z.infer<typeof ConnectorUsages>;
