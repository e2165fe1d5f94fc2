import type { Field, FormValues } from './schemaFields';

interface Props {
  fields: readonly Field[];
  values: FormValues;
  errors: ReadonlyMap<string, string>;
  onChange(path: string, value: string | boolean): void;
}

/** The inputs of an event form, one per field of the trigger's schema (objects as nested groups). */
export function FieldList({ fields, values, errors, onChange }: Props) {
  return (
    <>
      {fields.map((f) =>
        f.kind === 'object' ? (
          <fieldset key={f.path} className="event-group">
            <legend>
              {f.label}
              {f.required && <span className="required"> (required)</span>}
            </legend>
            {f.description && <p className="muted">{f.description}</p>}
            <FieldError field={f} errors={errors} />
            <FieldList fields={f.fields ?? []} values={values} errors={errors} onChange={onChange} />
          </fieldset>
        ) : (
          <EventField key={f.path} field={f} values={values} errors={errors} onChange={onChange} />
        ),
      )}
    </>
  );
}

const idOf = (path: string) => `event-${path.replace(/[^a-zA-Z0-9_-]/g, '_')}`;

function FieldError({ field, errors }: { field: Field; errors: ReadonlyMap<string, string> }) {
  const error = errors.get(field.path);
  if (!error) return null;
  return (
    <span id={`${idOf(field.path)}-error`} className="field-error" role="alert">
      {field.label} {error}
    </span>
  );
}

function EventField({ field: f, values, errors, onChange }: { field: Field } & Omit<Props, 'fields'>) {
  const id = idOf(f.path);
  const error = errors.get(f.path);
  const describedBy = [f.description ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  const common = {
    id,
    name: f.path,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy || undefined,
    'aria-required': f.required || undefined,
  };
  const text = typeof values[f.path] === 'string' ? (values[f.path] as string) : '';
  let input;
  if (f.kind === 'boolean') {
    input = (
      <input
        {...common}
        type="checkbox"
        checked={values[f.path] === true}
        onChange={(e) => onChange(f.path, e.target.checked)}
      />
    );
  } else if (f.kind === 'enum') {
    input = (
      <select {...common} value={text} onChange={(e) => onChange(f.path, e.target.value)}>
        <option value="">— choose —</option>
        {(f.options ?? []).map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    );
  } else if (f.kind === 'strings' || f.kind === 'json') {
    input = <textarea {...common} rows={3} value={text} onChange={(e) => onChange(f.path, e.target.value)} />;
  } else {
    const numeric = f.kind === 'number' || f.kind === 'integer';
    input = (
      <input
        {...common}
        type="text"
        inputMode={numeric ? 'decimal' : undefined}
        value={text}
        onChange={(e) => onChange(f.path, e.target.value)}
      />
    );
  }
  const hint =
    f.kind === 'strings'
      ? 'One per line.'
      : f.kind === 'json'
        ? 'As JSON.'
        : f.kind === 'integer'
          ? 'A whole number.'
          : '';
  return (
    <div className={`event-field${error ? ' invalid' : ''}`} data-testid={`event-field-${f.path}`}>
      <label htmlFor={id}>
        {f.label}
        {f.required && <span className="required"> (required)</span>}
      </label>
      {input}
      {(f.description || hint) && (
        <span id={`${id}-hint`} className="muted hint">
          {[f.description, hint].filter(Boolean).join(' ')}
        </span>
      )}
      {error && (
        <span id={`${id}-error`} className="field-error" role="alert">
          {f.label} {error}
        </span>
      )}
    </div>
  );
}
