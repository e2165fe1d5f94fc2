/** Route contracts: secrets (filled in by the migration of its routes). */
export const secretsApi = {};
