import type { FieldProps } from './fieldProps';
import { GroupShell } from './GroupShell';
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
    <GroupShell ids={ids} label={label} required={required} help={help} className="pf-checks">
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
    </GroupShell>
  );
}
