export { createApprovalService, type ApprovalService, type DecisionInput } from './service';
