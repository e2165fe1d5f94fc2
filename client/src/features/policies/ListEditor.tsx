import { FieldError, invalidProps } from './FieldError';
import type { FieldErrors } from './fieldErrors';

/**
 * A list of short texts (hosts, node types, ports) edited row by row; the server's errors
 * for the list (`path`) and for each row (`path.<i>`) show beside them.
 */
export function ListEditor({
  label,
  values,
  onChange,
  errors,
  path,
  placeholder,
}: {
  label: string;
  values: readonly string[];
  onChange(values: string[]): void;
  errors: FieldErrors;
  path: string;
  placeholder?: string;
}) {
  const set = (i: number, v: string) => onChange(values.map((x, j) => (j === i ? v : x)));
  return (
    <fieldset className="list-editor">
      <legend>{label}</legend>
      <FieldError errors={errors} path={path} />
      {values.length === 0 && <p className="muted">None.</p>}
      <ul>
        {values.map((v, i) => (
          <li key={i}>
            <input
              value={v}
              aria-label={`${label} ${i + 1}`}
              placeholder={placeholder}
              onChange={(e) => set(i, e.target.value)}
              {...invalidProps(errors, `${path}.${i}`)}
            />
            <button
              type="button"
              aria-label={`Remove ${label.toLowerCase()} ${i + 1}`}
              onClick={() => onChange(values.filter((_, j) => j !== i))}
            >
              Remove
            </button>
            <FieldError errors={errors} path={`${path}.${i}`} />
          </li>
        ))}
      </ul>
      <button type="button" onClick={() => onChange([...values, ''])}>
        Add to {label.toLowerCase()}
      </button>
    </fieldset>
  );
}

/** The paths a list editor shows errors for. */
export function listPaths(path: string, values: readonly string[]): string[] {
  return [path, ...values.map((_, i) => `${path}.${i}`)];
}
