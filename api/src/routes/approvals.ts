/** Route contracts: approvals (filled in by the migration of its routes). */
export const approvalsApi = {};
