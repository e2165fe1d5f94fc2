import { useId, useMemo, useState } from 'react';
import { EventFieldList } from './EventFieldList';
import { RawSchemaEditor } from './RawSchemaEditor';
import { fieldsOf } from './triggerSchema';
import './panel.css';

export interface TriggerSchemaFormProps {
  /** The trigger's `inputSchema` (a JSON Schema object; `{ type: 'object' }` by default). */
  value: Record<string, unknown>;
  onChange(value: Record<string, unknown>): void;
  readOnly?: boolean;
}

/**
 * The event a trigger brings, as a list of fields (name, type, format, required,
 * description) that reads and writes a JSON Schema; raw JSON for anything richer.
 * Expressions complete these fields as `event.<name>` (see `eventPaths`).
 */
export function TriggerSchemaForm({ value, onChange, readOnly = false }: TriggerSchemaFormProps) {
  const headingId = useId();
  const listable = useMemo(() => fieldsOf(value) !== undefined, [value]);
  const [wantJson, setWantJson] = useState(!listable);
  // Once shown as JSON, it stays JSON until asked otherwise: no flip while someone types.
  if (!listable && !wantJson) setWantJson(true);
  const asJson = wantJson || !listable;
  return (
    <section className="pf-form pf-trigger" aria-labelledby={headingId}>
      <div className="pf-trigger-head">
        <h3 id={headingId} className="pf-heading">
          Event fields
        </h3>
        <button
          type="button"
          className="pf-small"
          aria-pressed={asJson}
          disabled={!listable}
          onClick={() => setWantJson(!wantJson)}
        >
          Edit as JSON
        </button>
      </div>
      <p className="pf-help">
        What the trigger&apos;s event carries; each run&apos;s event is checked against it. Expressions read a field as{' '}
        <code>event.name</code>.
      </p>
      {!listable && (
        <p className="pf-help pf-note">
          This schema says more than a field list can show (nested fields, patterns, enums…), so it is edited as JSON.
        </p>
      )}
      {asJson ? (
        <RawSchemaEditor value={value} onChange={onChange} readOnly={readOnly} />
      ) : (
        <EventFieldList value={value} onChange={onChange} readOnly={readOnly} />
      )}
    </section>
  );
}
