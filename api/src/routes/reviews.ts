/** Route contracts: reviews (filled in by the migration of its routes). */
export const reviewsApi = {};
