import { useId } from 'react';
import { FieldShell } from './FieldShell';
import type { FieldProps } from './fieldProps';
import { usePanel } from './PanelContext';
import { helpText, SCALAR_TYPES, type ScalarType } from './schema';
import { useFieldIds } from './useFieldIds';

const TYPE_LABELS: Record<ScalarType, string> = {
  string: 'Text',
  number: 'Number',
  boolean: 'True/false',
  null: 'Null',
};

function scalarType(v: unknown): ScalarType {
  if (v === null) return 'null';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'boolean';
  return 'string';
}

const convert: Record<ScalarType, (v: unknown) => unknown> = {
  string: (v) => (v === null || v === undefined ? '' : String(v)),
  number: (v) => (Number.isFinite(Number(v)) ? Number(v) : 0),
  boolean: (v) => v === true || v === 'true',
  null: () => null,
};

/** A value of several scalar types (`type: [string, number, boolean, null]`): a type, then the value. */
export function ScalarField({ schema, value, onChange, path, label, required, hideLabel }: FieldProps) {
  const { readOnly } = usePanel();
  const ids = useFieldIds(path);
  const typeId = useId();
  const allowed = SCALAR_TYPES.filter((t) => Array.isArray(schema['type']) && schema['type'].includes(t));
  const type = scalarType(value);
  const inputProps = {
    id: ids.inputId,
    className: 'pf-input',
    readOnly,
    'aria-describedby': ids.describedBy,
    'aria-invalid': ids.invalid || undefined,
  };
  return (
    <FieldShell ids={ids} label={label} required={required} help={helpText(schema, 'scalar')} hideLabel={hideLabel}>
      <div className="pf-row">
        <select
          id={typeId}
          aria-label={`Type of ${label.toLowerCase()}`}
          className="pf-input pf-type"
          value={type}
          disabled={readOnly}
          onChange={(e) => {
            const next = allowed.find((t) => t === e.target.value) ?? 'string';
            onChange(convert[next](value));
          }}
        >
          {allowed.map((t) => (
            <option key={t} value={t}>
              {TYPE_LABELS[t]}
            </option>
          ))}
        </select>
        {type === 'string' && (
          <input
            {...inputProps}
            type="text"
            value={typeof value === 'string' ? value : ''}
            onChange={(e) => onChange(e.target.value)}
          />
        )}
        {type === 'number' && (
          <input
            {...inputProps}
            type="number"
            step="any"
            value={typeof value === 'number' ? value : ''}
            onChange={(e) => e.target.value !== '' && onChange(Number(e.target.value))}
          />
        )}
        {type === 'boolean' && (
          <select
            {...inputProps}
            disabled={readOnly}
            value={String(value === true)}
            onChange={(e) => onChange(e.target.value === 'true')}
          >
            <option value="true">true</option>
            <option value="false">false</option>
          </select>
        )}
        {type === 'null' && <input {...inputProps} type="text" value="null" readOnly />}
      </div>
    </FieldShell>
  );
}
