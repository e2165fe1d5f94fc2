/**
 * Organisation-wide safety policies (issue 15 §2): rules every version is checked against
 * by graph analysis (`PolicyRule` of @autonomic/workflow). Everyone signed in reads them
 * (the editor checks drafts as they are drawn); admins change them. A version that breaks
 * an enabled policy cannot be published unless an admin waives that policy for that
 * version, with a reason; waivers are audited.
 */
import { PolicyRule } from '@autonomic/workflow';
import { z } from 'zod';
import { defineRoute } from '../contract';
import { Instant } from '../fields';
import { WorkflowVersionParams } from './common';

const Person = z.object({ id: z.uuid(), username: z.string() });

export const PolicyId = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,63}$/, 'a policy id: lower-case letters, digits and dashes');

export const SafetyPolicyView = z.object({
  id: PolicyId,
  name: z.string(),
  description: z.string(),
  enabled: z.boolean(),
  rule: PolicyRule,
  /** One of the shipped defaults (it can be edited or switched off, not deleted). */
  builtIn: z.boolean(),
  updatedAt: Instant,
  updatedBy: Person.nullable(),
});
export type SafetyPolicyView = z.infer<typeof SafetyPolicyView>;

export const CreateSafetyPolicy = z
  .object({
    id: PolicyId,
    name: z.string().trim().min(1, 'a name is required').max(120),
    description: z.string().trim().max(2_000).default(''),
    enabled: z.boolean().default(true),
    rule: PolicyRule,
  })
  .strict();
export type CreateSafetyPolicy = z.input<typeof CreateSafetyPolicy>;

export const UpdateSafetyPolicy = CreateSafetyPolicy.omit({ id: true })
  .partial()
  .extend({ reason: z.string().trim().min(1, 'a reason is required').max(500) })
  .strict();
export type UpdateSafetyPolicy = z.input<typeof UpdateSafetyPolicy>;

export const PolicyParams = z.object({ policyId: PolicyId });

/** One violation of a version (`PolicyViolation` of @autonomic/workflow) and its waiver, if any. */
export const PolicyViolationView = z.object({
  policyId: z.string(),
  policyName: z.string(),
  nodeId: z.string(),
  message: z.string(),
  path: z.array(z.string()).optional(),
  ports: z.array(z.string()).optional(),
  waiver: z.object({ id: z.uuid(), reason: z.string(), waivedBy: Person, waivedAt: Instant }).nullable(),
});
export type PolicyViolationView = z.infer<typeof PolicyViolationView>;

export const PolicyCheckView = z.object({
  /** The version's content hash the check ran on. */
  contentHash: z.string(),
  violations: z.array(PolicyViolationView),
  /** Whether a violation without a waiver remains (publish is refused while true). */
  blocking: z.boolean(),
});
export type PolicyCheckView = z.infer<typeof PolicyCheckView>;

export const WaivePolicyBody = z
  .object({
    policyId: PolicyId,
    reason: z.string().trim().min(1, 'a reason is required').max(2_000),
  })
  .strict();
export type WaivePolicyBody = z.infer<typeof WaivePolicyBody>;

export const policiesApi = {
  list: defineRoute({
    method: 'get',
    path: '/safety-policies',
    summary: 'The organisation’s safety policies (the four defaults first)',
    tag: 'safety',
    access: 'authenticated',
    response: z.object({ policies: z.array(SafetyPolicyView) }),
  }),
  create: defineRoute({
    method: 'post',
    path: '/safety-policies',
    summary: 'Add a safety policy (admin; audited)',
    tag: 'safety',
    access: ['admin'],
    body: CreateSafetyPolicy,
    response: SafetyPolicyView,
    status: 201,
  }),
  update: defineRoute({
    method: 'patch',
    path: '/safety-policies/:policyId',
    summary: 'Edit or switch off a safety policy, with a reason (admin; audited)',
    tag: 'safety',
    access: ['admin'],
    params: PolicyParams,
    body: UpdateSafetyPolicy,
    response: SafetyPolicyView,
  }),
  remove: defineRoute({
    method: 'delete',
    path: '/safety-policies/:policyId',
    summary: 'Delete a policy an admin added (a default can only be switched off; audited)',
    tag: 'safety',
    access: ['admin'],
    params: PolicyParams,
    status: 204,
  }),
  check: defineRoute({
    method: 'get',
    path: '/workflows/:id/versions/:number/policy-check',
    summary: 'The version checked against the enabled policies, with waivers',
    tag: 'workflows',
    access: 'authenticated',
    params: WorkflowVersionParams,
    response: PolicyCheckView,
  }),
  waive: defineRoute({
    method: 'post',
    path: '/workflows/:id/versions/:number/policy-waivers',
    summary: 'Waive one policy for this version, with a reason (admin; audited)',
    tag: 'workflows',
    access: ['admin'],
    params: WorkflowVersionParams,
    body: WaivePolicyBody,
    response: PolicyCheckView,
    status: 201,
  }),
};
