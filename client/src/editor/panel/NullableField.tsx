import { usePanel } from './PanelContext';
import type { FieldProps } from './fieldProps';
import { defaultFor, nonNullOf } from './schema';
import { SchemaField } from './SchemaField';

/** `anyOf [X, null]`: unset until the author sets it, with a button each way. */
export function NullableField(props: FieldProps) {
  const { readOnly } = usePanel();
  const inner = nonNullOf(props.schema) ?? {};
  const set = props.value !== null && props.value !== undefined;
  if (!set)
    return (
      <div className="pf-field pf-unset-field">
        <span className="pf-label">{props.label}</span>
        <span className="pf-unset"> not set.</span>{' '}
        {!readOnly && (
          <button type="button" className="pf-small" onClick={() => props.onChange(defaultFor(inner))}>
            Set {props.label.toLowerCase()}
          </button>
        )}
      </div>
    );
  return (
    <div className="pf-nullable">
      <SchemaField {...props} schema={inner} />
      {!readOnly && (
        <button type="button" className="pf-small" onClick={() => props.onChange(props.required ? null : undefined)}>
          Unset {props.label.toLowerCase()}
        </button>
      )}
    </div>
  );
}
