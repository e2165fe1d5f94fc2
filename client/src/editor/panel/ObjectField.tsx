import type { FieldProps } from './fieldProps';
import { GroupShell } from './GroupShell';
import { ObjectBody } from './ObjectBody';
import { usePanel } from './PanelContext';
import { defaultFor, helpText, isRecord } from './schema';
import { useFieldIds } from './useFieldIds';

/** A group of fields; an optional group can be added and removed as a whole. */
export function ObjectField({ schema, value, onChange, path, label, required, item, actions }: FieldProps) {
  const { readOnly } = usePanel();
  const ids = useFieldIds(path);
  const help = helpText(schema, 'object');
  const obj = isRecord(value) ? value : isRecord(schema['default']) ? schema['default'] : undefined;
  const optional = !required && !item && !readOnly;
  return (
    <GroupShell ids={ids} label={label} required={required && !item} help={help} actions={actions}>
      {obj ? (
        <ObjectBody schema={schema} value={obj} onChange={onChange} path={path} />
      ) : (
        <p className="pf-unset">Not set.</p>
      )}
      {optional && !obj && (
        <button type="button" className="pf-small" onClick={() => onChange(defaultFor(schema))}>
          Add {label.toLowerCase()}
        </button>
      )}
      {optional && isRecord(value) && !('default' in schema) && (
        <button type="button" className="pf-small" onClick={() => onChange(undefined)}>
          Remove {label.toLowerCase()}
        </button>
      )}
    </GroupShell>
  );
}
