/** Route contracts: triggers (filled in by the migration of its routes). */
export const triggersApi = {};
