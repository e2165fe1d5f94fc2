export { createApprovalService, type ApprovalService, type DecisionInput } from './service';
export type { ApprovalView } from './views';
