import { ApiError } from '../../api/client';

/** A server refusal in full: its message, its code, and every field at fault (e.g. a version's problems). */
export function ApiErrorMessage({ error }: { error: Error }) {
  const details = error instanceof ApiError ? error.details : [];
  return (
    <div role="alert" className="api-error" data-testid="api-error">
      <strong>{error.message}</strong>
      {error instanceof ApiError && <span className="muted"> ({error.code})</span>}
      {details.length > 0 && (
        <ul>
          {details.map((d, i) => (
            <li key={i}>
              <code>{d.path}</code>: {d.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
