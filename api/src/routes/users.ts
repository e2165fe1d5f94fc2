/** Route contracts: users (filled in by the migration of its routes). */
export const usersApi = {};
