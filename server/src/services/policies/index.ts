export { assertPoliciesHold, checkVersion, insertDefaultPolicies, type PolicyCheck } from './check';
export { createPolicyService, type PolicyService, type PolicyView } from './service';
