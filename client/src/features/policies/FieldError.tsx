import type { FieldErrors } from './fieldErrors';

/** The id an input names in `aria-describedby` for its error. */
export const errorId = (path: string) => `error-${path.replace(/[^a-zA-Z0-9_-]/g, '-')}`;

/** Props an input gets when the server named it: invalid, described by its error. */
export function invalidProps(errors: FieldErrors, path: string) {
  return errors.has(path) ? { 'aria-invalid': true, 'aria-describedby': errorId(path) } : {};
}

/** The server's words for one field, beside it. */
export function FieldError({ errors, path }: { errors: FieldErrors; path: string }) {
  const message = errors.get(path);
  if (!message) return null;
  return (
    <span className="field-error" id={errorId(path)} data-testid={`field-error-${path}`}>
      {message}
    </span>
  );
}
