import { FieldShell } from './FieldShell';
import type { FieldProps } from './fieldProps';
import { usePanel } from './PanelContext';
import { helpText } from './schema';
import { useFieldIds } from './useFieldIds';

const num = (v: unknown) => (typeof v === 'number' ? v : undefined);

/** A number or integer with the schema's range; empty unsets it (the default applies). */
export function NumberField({ schema, value, onChange, path, label, required, hideLabel }: FieldProps) {
  const { readOnly } = usePanel();
  const ids = useFieldIds(path);
  const fallback = num(schema['default']);
  return (
    <FieldShell ids={ids} label={label} required={required} help={helpText(schema, 'number')} hideLabel={hideLabel}>
      <input
        type="number"
        id={ids.inputId}
        className="pf-input pf-number"
        value={typeof value === 'number' ? value : ''}
        min={num(schema['minimum'])}
        max={num(schema['maximum'])}
        step={schema['type'] === 'integer' ? 1 : 'any'}
        placeholder={fallback === undefined ? undefined : String(fallback)}
        onChange={(e) => {
          const v = e.target.value;
          if (v === '') onChange(undefined);
          else if (Number.isFinite(Number(v))) onChange(Number(v));
        }}
        readOnly={readOnly}
        aria-describedby={ids.describedBy}
        aria-invalid={ids.invalid || undefined}
        aria-required={required || undefined}
      />
    </FieldShell>
  );
}
