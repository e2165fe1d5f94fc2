import { EVENT_TYPES, ITEM_TYPES, type EventField } from './triggerSchema';

interface EventFieldRowProps {
  field: EventField;
  index: number;
  /** Another row above has this name. */
  duplicate: boolean;
  formatsListId: string;
  readOnly: boolean;
  onChange(field: EventField): void;
  onRemove(): void;
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** One event field: name, type (and item type), format, required, description. */
export function EventFieldRow({
  field,
  index,
  duplicate,
  formatsListId,
  readOnly,
  onChange,
  onRemove,
}: EventFieldRowProps) {
  const name = `Field ${index + 1}`;
  const set = (patch: Partial<EventField>) => onChange({ ...field, ...patch });
  const issueId = `${formatsListId}-issue-${index}`;
  const issue = duplicate
    ? 'another field has this name; only the first one is kept'
    : field.name !== '' && !IDENT.test(field.name)
      ? `expressions read this as event.\`${field.name}\`; letters, digits and _ read as event.name`
      : undefined;
  return (
    <div role="group" aria-label={name} className="pf-event-row" data-row={index}>
      <input
        type="text"
        className="pf-input pf-ev-name"
        aria-label={`${name} name`}
        placeholder="name"
        value={field.name}
        readOnly={readOnly}
        spellCheck={false}
        autoComplete="off"
        aria-invalid={duplicate || undefined}
        aria-describedby={issue ? issueId : undefined}
        onChange={(e) => set({ name: e.target.value })}
      />
      <select
        className="pf-input pf-ev-type"
        aria-label={`${name} type`}
        value={field.type}
        disabled={readOnly}
        onChange={(e) => set({ type: EVENT_TYPES.find((t) => t === e.target.value) ?? 'string' })}
      >
        {EVENT_TYPES.map((t) => (
          <option key={t}>{t}</option>
        ))}
      </select>
      {field.type === 'string' && (
        <input
          type="text"
          className="pf-input pf-ev-extra"
          aria-label={`${name} format`}
          placeholder="format"
          list={formatsListId}
          value={field.format}
          readOnly={readOnly}
          onChange={(e) => set({ format: e.target.value })}
        />
      )}
      {field.type === 'array' && (
        <select
          className="pf-input pf-ev-extra"
          aria-label={`${name} item type`}
          value={field.itemType}
          disabled={readOnly}
          onChange={(e) => set({ itemType: ITEM_TYPES.find((t) => t === e.target.value) ?? 'string' })}
        >
          {ITEM_TYPES.map((t) => (
            <option key={t} value={t}>
              of {t}
            </option>
          ))}
        </select>
      )}
      {field.type !== 'string' && field.type !== 'array' && <span className="pf-ev-extra" aria-hidden="true" />}
      <label className="pf-check-option pf-ev-req">
        <input
          type="checkbox"
          aria-label={`${name} required`}
          checked={field.required}
          disabled={readOnly}
          onChange={(e) => set({ required: e.target.checked })}
        />
        required
      </label>
      <input
        type="text"
        className="pf-input pf-ev-desc"
        aria-label={`${name} description`}
        placeholder="description"
        value={field.description}
        readOnly={readOnly}
        onChange={(e) => set({ description: e.target.value })}
      />
      {readOnly ? (
        <span className="pf-ev-remove" aria-hidden="true" />
      ) : (
        <button
          type="button"
          className="pf-icon pf-remove pf-ev-remove"
          aria-label={`Remove ${name.toLowerCase()}`}
          onClick={onRemove}
        >
          ✕
        </button>
      )}
      {issue && (
        <p id={issueId} className={duplicate ? 'pf-syntax pf-row-issue' : 'pf-help pf-row-issue'}>
          {issue}
        </p>
      )}
    </div>
  );
}
