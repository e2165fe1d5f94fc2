import { Problems } from './FieldShell';
import type { FieldProps } from './fieldProps';
import { usePanel } from './PanelContext';
import { helpText } from './schema';
import { useFieldIds } from './useFieldIds';

/** A checkbox; an unset value shows the default. */
export function BooleanField({ schema, value, onChange, path, label }: FieldProps) {
  const { readOnly } = usePanel();
  const ids = useFieldIds(path);
  const checked = typeof value === 'boolean' ? value : schema['default'] === true;
  return (
    <div className={`pf-field pf-check${ids.invalid ? ' pf-invalid' : ''}`}>
      <div className="pf-check-row">
        <input
          type="checkbox"
          id={ids.inputId}
          checked={checked}
          onChange={(e) => onChange(e.target.checked)}
          disabled={readOnly}
          aria-describedby={ids.describedBy}
          aria-invalid={ids.invalid || undefined}
        />
        <label htmlFor={ids.inputId} className="pf-label">
          {label}
        </label>
      </div>
      <p id={ids.helpId} className="pf-help">
        {helpText(schema, 'boolean')}
      </p>
      <Problems id={ids.problemId} messages={ids.problems} />
    </div>
  );
}
