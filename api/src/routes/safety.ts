/** Route contracts: safety (filled in by the migration of its routes). */
export const safetyApi = {};
