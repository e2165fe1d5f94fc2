/** How usernames are compared; what a request may set for users lives in the contract (`CreateUserBody`, `UpdateUserBody` in @autonomic/api). */

/** Usernames are compared in lower case; login accepts any case and surrounding spaces. */
export const normaliseUsername = (username: string): string => username.trim().toLowerCase();
