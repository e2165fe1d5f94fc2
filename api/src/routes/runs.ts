/** Route contracts: runs (filled in by the migration of its routes). */
export const runsApi = {};
