import { ApiError } from '../../api/client';

/** The server's words about one body field (`body.count`), or null when the refusal is not about it. */
export function fieldError(error: Error | null, field: string): string | null {
  if (!(error instanceof ApiError)) return null;
  const mine = error.details.filter((d) => d.path === `body.${field}` || d.path === field);
  return mine.length > 0 ? mine.map((d) => d.message).join('; ') : null;
}
