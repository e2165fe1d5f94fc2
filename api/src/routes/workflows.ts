/** Route contracts: workflows (filled in by the migration of its routes). */
export const workflowsApi = {};
