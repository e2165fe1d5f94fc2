/** Route contracts: tokens (filled in by the migration of its routes). */
export const tokensApi = {};
