/** Route contracts: auth (filled in by the migration of its routes). */
export const authApi = {};
