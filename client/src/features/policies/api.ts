import { policiesApi, type CreateSafetyPolicy, type UpdateSafetyPolicy } from '@autonomic/api';
import { api } from '../../api/client';

const version = (id: string, number: number) => ({ id, number });

/** Every policy, enabled or not (the editor checks drafts against the enabled ones). */
export const listPolicies = () => api(policiesApi.list);

export const createPolicy = (body: CreateSafetyPolicy) => api(policiesApi.create, { body });

/** `reason` is required: every change to a policy is audited with why. */
export const updatePolicy = (policyId: string, body: UpdateSafetyPolicy) =>
  api(policiesApi.update, { params: { policyId }, body });

export const deletePolicy = (policyId: string) => api(policiesApi.remove, { params: { policyId } });

/** The version checked against the enabled policies, with the waivers given. */
export const getPolicyCheck = (id: string, number: number) => api(policiesApi.check, { params: version(id, number) });

/** Waives one policy for this version (admin; audited); answers the check afresh. */
export const waivePolicy = (id: string, number: number, body: { policyId: string; reason: string }) =>
  api(policiesApi.waive, { params: version(id, number), body });
