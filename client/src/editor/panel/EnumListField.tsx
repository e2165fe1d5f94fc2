import { Problems } from './FieldShell';
import type { FieldProps } from './fieldProps';
import { usePanel } from './PanelContext';
import { asSchema, enumValues, helpText } from './schema';
import { useFieldIds } from './useFieldIds';

/** A list of enum values (a retry policy's `retryOn`): one checkbox per value, kept in the enum's order. */
export function EnumListField({ schema, value, onChange, path, label, required }: FieldProps) {
  const { readOnly } = usePanel();
  const ids = useFieldIds(path);
  const options = enumValues(asSchema(schema['items'])) ?? [];
  const fallback = schema['default'];
  const chosen: unknown[] = Array.isArray(value) ? value : Array.isArray(fallback) ? fallback : [];
  const help = helpText(schema, 'enumList');
  const toggle = (v: unknown, on: boolean) => onChange(options.filter((o) => (o === v ? on : chosen.includes(o))));
  return (
    <fieldset
      className={`pf-group pf-checks${ids.invalid ? ' pf-invalid' : ''}`}
      aria-describedby={
        [help ? ids.helpId : '', ids.invalid ? ids.problemId : ''].filter(Boolean).join(' ') || undefined
      }
    >
      <legend className="pf-legend">
        {label}
        {required && (
          <span className="pf-required" aria-hidden="true">
            {' '}
            *
          </span>
        )}
      </legend>
      {help && (
        <p id={ids.helpId} className="pf-help">
          {help}
        </p>
      )}
      <Problems id={ids.problemId} messages={ids.problems} />
      <div className="pf-check-grid">
        {options.map((o) => (
          <label key={String(o)} className="pf-check-option">
            <input
              type="checkbox"
              checked={chosen.includes(o)}
              disabled={readOnly}
              onChange={(e) => toggle(o, e.target.checked)}
            />
            <code>{String(o)}</code>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
