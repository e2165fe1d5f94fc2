/** Route contracts: simulations (filled in by the migration of its routes). */
export const simulationsApi = {};
