/** Route contracts: audit (filled in by the migration of its routes). */
export const auditApi = {};
