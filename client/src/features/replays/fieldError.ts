import { fieldErrorsOf } from '../../api/problems';

/** The server's words about one body field (`body.count`), or null when the refusal is not about it. */
export function fieldError(error: Error | null, field: string): string | null {
  const byField = fieldErrorsOf(error);
  return byField.get(`body.${field}`) ?? byField.get(field) ?? null;
}
