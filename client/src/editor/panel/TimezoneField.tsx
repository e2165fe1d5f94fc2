import { FieldShell } from './FieldShell';
import type { FieldProps } from './fieldProps';
import { usePanel } from './PanelContext';
import { helpText } from './schema';
import { useFieldIds } from './useFieldIds';

/** Every IANA time zone the browser knows, UTC first; computed once. */
let zones: string[] | undefined;
function timeZones(): string[] {
  zones ??= ['UTC', ...Intl.supportedValuesOf('timeZone').filter((z) => z !== 'UTC')];
  return zones;
}

/** Whether a field is a schedule's time zone (drawn as a pick-list instead of free text). */
export const isTimezoneField = (name: string, path: readonly (string | number)[]): boolean =>
  name === 'timezone' && path.length === 2 && path[0] === 'params';

/**
 * A schedule's time zone, picked from the IANA names (Europe/Paris, America/New_York);
 * a name the browser does not know stays shown, marked, so that the validator's problem
 * about it can be read next to it.
 */
export function TimezoneField({ schema, value, onChange, path, label, required }: FieldProps) {
  const { readOnly } = usePanel();
  const ids = useFieldIds(path);
  const fallback = typeof schema['default'] === 'string' ? schema['default'] : 'UTC';
  const current = typeof value === 'string' && value !== '' ? value : fallback;
  const all = timeZones();
  return (
    <FieldShell ids={ids} label={label} required={required} help={helpText(schema, 'text')}>
      <select
        id={ids.inputId}
        className="pf-input"
        value={current}
        disabled={readOnly}
        aria-describedby={ids.describedBy}
        aria-invalid={ids.invalid || undefined}
        onChange={(e) => onChange(e.target.value)}
      >
        {!all.includes(current) && <option value={current}>{current} (unknown)</option>}
        {all.map((z) => (
          <option key={z} value={z}>
            {z.replaceAll('_', ' ')}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}
