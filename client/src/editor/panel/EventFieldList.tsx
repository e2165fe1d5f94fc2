import { useId } from 'react';
import { useFocusRequest } from './useFocusRequest';
import { FORMATS, fieldsOf, schemaOf, type EventField } from './triggerSchema';
import { EventFieldRow } from './EventFieldRow';
import { rowId, sameJson, useSyncedRows } from './useSyncedRows';

type Row = EventField & { id: number };

interface EventFieldListProps {
  value: Record<string, unknown>;
  onChange(value: Record<string, unknown>): void;
  readOnly: boolean;
}

const toRows = (schema: Record<string, unknown>): Row[] => (fieldsOf(schema) ?? []).map((f) => ({ ...f, id: rowId() }));

/** What a row means once written: format only for strings, item type only for arrays. */
function meaning(rows: readonly Row[]): EventField[] {
  const seen = new Set<string>();
  return rows
    .filter((r) => r.name !== '' && !seen.has(r.name) && seen.add(r.name))
    .map(({ id: _id, ...f }) => ({
      ...f,
      format: f.type === 'string' ? f.format : '',
      itemType: f.type === 'array' ? f.itemType : 'string',
    }));
}

/** The event fields as editable rows; each edit writes the schema back. */
export function EventFieldList({ value, onChange, readOnly }: EventFieldListProps) {
  const formatsId = useId();
  const focus = useFocusRequest<HTMLDivElement>();
  const [rows, setRows] = useSyncedRows(value, toRows, (rs, v) => sameJson(meaning(rs), fieldsOf(v) ?? []));
  const update = (next: Row[]) => {
    setRows(next);
    if (!sameJson(meaning(next), fieldsOf(value) ?? [])) onChange(schemaOf(meaning(next), value));
  };
  const add = () => {
    focus.focusAfterRender(`[data-row="${rows.length}"] input`);
    update([
      ...rows,
      { id: rowId(), name: '', type: 'string', required: false, format: '', description: '', itemType: 'string' },
    ]);
  };
  return (
    <div ref={focus.ref} className="pf-event-fields">
      <datalist id={formatsId}>
        {FORMATS.map((f) => (
          <option key={f} value={f} />
        ))}
      </datalist>
      {rows.length === 0 ? (
        <p className="pf-unset">No fields yet: the event is any JSON object.</p>
      ) : (
        <div className="pf-event-row pf-event-head" aria-hidden="true">
          <span>Name</span>
          <span>Type</span>
          <span>Format / items</span>
          <span>Required</span>
          <span>Description</span>
          <span />
        </div>
      )}
      {rows.map((row, i) => (
        <EventFieldRow
          key={row.id}
          field={row}
          index={i}
          duplicate={row.name !== '' && rows.findIndex((r) => r.name === row.name) < i}
          formatsListId={formatsId}
          readOnly={readOnly}
          onChange={(f) => update(rows.map((r, j) => (j === i ? { ...f, id: r.id } : r)))}
          onRemove={() => {
            focus.focusAfterRender('[data-add]');
            update(rows.filter((_, j) => j !== i));
          }}
        />
      ))}
      {!readOnly && (
        <button type="button" className="pf-small" data-add onClick={add}>
          Add field
        </button>
      )}
    </div>
  );
}
