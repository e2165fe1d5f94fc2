import type { FieldProps } from './fieldProps';
import { GroupShell } from './GroupShell';
import { ItemControls } from './ItemControls';
import { usePanel } from './PanelContext';
import { asSchema, defaultFor, fieldKind, helpText, resolveRef, singular } from './schema';
import { SchemaField } from './SchemaField';
import { useFieldIds } from './useFieldIds';
import { useFocusRequest } from './useFocusRequest';

const num = (v: unknown) => (typeof v === 'number' ? v : undefined);

/**
 * A list: add, remove, and reorder with buttons (keyboard first: focus follows the moved
 * item). A list of objects gets a sub-form per item (switch cases, escalation levels).
 */
export function ListField({ schema, value, onChange, path, label, required }: FieldProps) {
  const { readOnly, root } = usePanel();
  const ids = useFieldIds(path);
  const focus = useFocusRequest<HTMLFieldSetElement>();
  const itemSchema = resolveRef(root, asSchema(schema['items']));
  const objects = fieldKind(itemSchema) === 'object';
  const list = Array.isArray(value) ? value : Array.isArray(schema['default']) ? schema['default'] : undefined;
  const items: unknown[] = list ?? [];
  const one = singular(label);
  const max = num(schema['maxItems']) ?? Infinity;
  const min = num(schema['minItems']) ?? 0;
  const help = helpText(schema, 'list');

  const move = (i: number, by: -1 | 1) => {
    const next = [...items];
    const [moved] = next.splice(i, 1);
    next.splice(i + by, 0, moved);
    const to = i + by;
    const edge = (by < 0 && to === 0) || (by > 0 && to === items.length - 1);
    focus.focusAfterRender(`[data-move="${to}:${edge ? (by < 0 ? 'down' : 'up') : by < 0 ? 'up' : 'down'}"]`);
    onChange(next);
  };
  const remove = (i: number) => {
    focus.focusAfterRender('[data-add]');
    onChange(items.filter((_, j) => j !== i));
  };
  const add = () => {
    focus.focusAfterRender(`[data-item="${items.length}"] :is(input, textarea, select)`);
    onChange([...items, defaultFor(itemSchema)]);
  };
  const setItem = (i: number, v: unknown) => onChange(items.map((old, j) => (j === i ? v : old)));

  return (
    <GroupShell ids={ids} label={label} required={required} help={help} className="pf-list" ref={focus.ref}>
      {list === undefined && !required && <p className="pf-unset">Not set.</p>}
      {list !== undefined && items.length === 0 && <p className="pf-unset">None yet.</p>}
      {items.length > 0 && (
        <ol className="pf-items">
          {items.map((item, i) => {
            const name = `${one} ${i + 1}`;
            const controls = readOnly ? undefined : (
              <ItemControls
                name={name.toLowerCase()}
                index={i}
                count={items.length}
                canRemove={items.length > min}
                onMove={move}
                onRemove={remove}
              />
            );
            const field = (
              <SchemaField
                name={name}
                label={name}
                schema={itemSchema}
                value={item}
                onChange={(v) => setItem(i, v)}
                path={[...path, i]}
                required
                item
                hideLabel={!objects}
                actions={controls}
              />
            );
            return (
              <li key={i} data-item={i} className={objects ? 'pf-item pf-item-object' : 'pf-item'}>
                {field}
                {!objects && controls}
              </li>
            );
          })}
        </ol>
      )}
      {!readOnly && (
        <div className="pf-list-actions">
          <button type="button" className="pf-small" data-add onClick={add} disabled={items.length >= max}>
            Add {one.toLowerCase()}
          </button>
          {!required && list !== undefined && !('default' in schema) && (
            <button type="button" className="pf-small" onClick={() => onChange(undefined)}>
              Clear {label.toLowerCase()}
            </button>
          )}
        </div>
      )}
    </GroupShell>
  );
}
