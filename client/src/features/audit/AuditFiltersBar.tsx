import { useState, type SyntheticEvent } from 'react';
import type { FilterKey } from './filters';
import { actionInWords, actorInWords, targetTypeInWords } from './words';

interface Props {
  search: URLSearchParams;
  facets: { actions: string[]; actors: string[]; targetTypes: string[] } | null;
  onChange(key: FilterKey, value: string): void;
}

/** Keeps a value chosen by URL in the list even when the log no longer holds it. */
const withCurrent = (values: readonly string[], current: string | null) =>
  current && !values.includes(current) ? [current, ...values] : values;

/**
 * Actor, action, target (type and id) and time range of the audit log. Pick-lists change the
 * URL at once; the target id when submitted (Enter) or left.
 */
export function AuditFiltersBar({ search, facets, onChange }: Props) {
  const [targetId, setTargetId] = useState(search.get('targetId') ?? '');
  const commitTargetId = (e?: SyntheticEvent) => {
    e?.preventDefault();
    if (targetId.trim() !== (search.get('targetId') ?? '')) onChange('targetId', targetId.trim());
  };
  const select = (
    key: FilterKey,
    label: string,
    any: string,
    values: readonly string[],
    words: (v: string) => string,
  ) => (
    <label>
      {label}
      <select value={search.get(key) ?? ''} onChange={(e) => onChange(key, e.target.value)}>
        <option value="">{any}</option>
        {withCurrent(values, search.get(key)).map((v) => (
          <option key={v} value={v}>
            {words(v)}
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <form className="filters" role="search" aria-label="Filter the audit log" onSubmit={commitTargetId}>
      {select('actor', 'Actor', 'anyone', facets?.actors ?? [], actorInWords)}
      {select('action', 'Action', 'any action', facets?.actions ?? [], actionInWords)}
      {select('targetType', 'Target type', 'any target', facets?.targetTypes ?? [], targetTypeInWords)}
      <label>
        Target id
        <input
          type="search"
          value={targetId}
          onChange={(e) => setTargetId(e.target.value)}
          onBlur={() => commitTargetId()}
          onKeyDown={(e) => {
            if (e.key === 'Enter') commitTargetId(e);
          }}
          placeholder="e.g. a run's id"
        />
      </label>
      <label>
        From
        <input
          type="datetime-local"
          value={search.get('from') ?? ''}
          onChange={(e) => onChange('from', e.target.value)}
        />
      </label>
      <label>
        To
        <input type="datetime-local" value={search.get('to') ?? ''} onChange={(e) => onChange('to', e.target.value)} />
      </label>
    </form>
  );
}
