import { FieldShell } from './FieldShell';
import type { FieldProps } from './fieldProps';
import { usePanel } from './PanelContext';
import { enumValues, helpText } from './schema';
import { useFieldIds } from './useFieldIds';

const UNSET = '';

/** A choice among the schema's `enum` values; an unset value shows the default. */
export function EnumField({ schema, value, onChange, path, label, required, hideLabel }: FieldProps) {
  const { readOnly } = usePanel();
  const ids = useFieldIds(path);
  const values = enumValues(schema) ?? [];
  const shown = value === undefined ? schema['default'] : value;
  const index = values.findIndex((v) => v === shown);
  const hasDefault = 'default' in schema;
  return (
    <FieldShell ids={ids} label={label} required={required} help={helpText(schema, 'enum')} hideLabel={hideLabel}>
      <select
        id={ids.inputId}
        className="pf-input"
        value={index < 0 ? UNSET : String(index)}
        onChange={(e) => onChange(e.target.value === UNSET ? undefined : values[Number(e.target.value)])}
        disabled={readOnly}
        aria-describedby={ids.describedBy}
        aria-invalid={ids.invalid || undefined}
        aria-required={required || undefined}
      >
        {(index < 0 || (!required && !hasDefault)) && (
          <option value={UNSET} disabled={required}>
            {required ? 'Choose…' : '— not set —'}
          </option>
        )}
        {values.map((v, i) => (
          <option key={i} value={String(i)}>
            {String(v)}
            {hasDefault && v === schema['default'] ? ' (default)' : ''}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}
