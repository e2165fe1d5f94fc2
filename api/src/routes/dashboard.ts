/** Route contracts: dashboard (filled in by the migration of its routes). */
export const dashboardApi = {};
