/**
 * Changes that loosen a workflow's safety settings, waiting for a second person (issue 14
 * §6). `PATCH /workflows/:id/settings` applies tightening at once and files loosening here;
 * a reviewer or admin other than the requester approves (then it is in force) or rejects.
 */
import { z } from 'zod';
import { defineRoute } from '../contract';
import { Instant, NullableInstant } from '../fields';
import { WorkflowParams } from './common';

export const SETTINGS_CHANGE_STATUSES = ['pending', 'approved', 'rejected', 'superseded'] as const;
export const SettingsChangeStatus = z.enum(SETTINGS_CHANGE_STATUSES);
export type SettingsChangeStatus = z.infer<typeof SettingsChangeStatus>;

/** The safety settings a change may loosen (null limit: none). */
export const SafetySettings = z
  .object({
    killSwitch: z.boolean(),
    maxDestructivePerRun: z.number().int().nullable(),
    maxDestructivePerHour: z.number().int().nullable(),
    /** Rollback by policy of a version that burns its error budget fast after publish (issue 15 §3). */
    autoRollback: z.boolean(),
  })
  .partial();
export type SafetySettings = z.infer<typeof SafetySettings>;

const Person = z.object({ id: z.uuid(), username: z.string() });

export const SettingsChange = z.object({
  id: z.uuid(),
  workflowId: z.uuid(),
  status: SettingsChangeStatus,
  /** What it would set. */
  changes: SafetySettings,
  /** The same settings as they were when it was asked. */
  before: SafetySettings,
  reason: z.string(),
  requestedBy: Person,
  requestedAt: Instant,
  decidedBy: Person.nullable(),
  decidedAt: NullableInstant,
  comment: z.string().nullable(),
  /** Whether the caller may decide it now (a reviewer or admin, not the requester, while pending). */
  youMayDecide: z.boolean(),
});
export type SettingsChange = z.infer<typeof SettingsChange>;

export const SettingsChangeParams = z.object({ id: WorkflowParams.shape.id, changeId: z.uuid() });

export const SettingsDecisionBody = z
  .object({
    decision: z.enum(['approved', 'rejected']),
    comment: z.string().trim().max(2_000).optional(),
  })
  .strict();
export type SettingsDecisionBody = z.infer<typeof SettingsDecisionBody>;

/** The kill switch now and its last change (from the audit log): who, when, why. */
export const KillSwitchStatus = z.object({
  on: z.boolean(),
  lastChange: z
    .object({
      on: z.boolean(),
      /** The username; null when it was not a person (or the user is gone). */
      by: z.string().nullable(),
      at: Instant,
      reason: z.string().nullable(),
    })
    .nullable(),
});
export type KillSwitchStatus = z.infer<typeof KillSwitchStatus>;

export const settingsChangesApi = {
  killSwitch: defineRoute({
    method: 'get',
    path: '/workflows/:id/kill-switch',
    summary: "The workflow's kill switch and who last turned it on or off, when and why",
    tag: 'workflows',
    access: 'authenticated',
    params: WorkflowParams,
    response: KillSwitchStatus,
  }),
  list: defineRoute({
    method: 'get',
    path: '/workflows/:id/settings-changes',
    summary: 'Loosening settings changes of a workflow: pending first, then the last decided',
    tag: 'workflows',
    access: 'authenticated',
    params: WorkflowParams,
    response: z.object({ changes: z.array(SettingsChange) }),
  }),
  decide: defineRoute({
    method: 'post',
    path: '/workflows/:id/settings-changes/:changeId/decision',
    summary: 'Approve (in force at once) or reject a loosening change: a reviewer or admin, never the requester',
    tag: 'workflows',
    access: ['reviewer', 'admin'],
    params: SettingsChangeParams,
    body: SettingsDecisionBody,
    response: SettingsChange,
  }),
};
