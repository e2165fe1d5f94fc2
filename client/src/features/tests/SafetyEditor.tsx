import { CaseSafetyEntry } from '@autonomic/workflow';
import type { TestCaseDraft } from '../../editor/commands';
import { replaced, type SafetyEntryDraft } from './caseDraft';

type Safety = NonNullable<TestCaseDraft['safety']>;
type ListKey = 'protected' | 'autoOk';
type Kind = SafetyEntryDraft['kind'];

const KINDS: readonly Kind[] = CaseSafetyEntry.shape.kind.options;
const LISTS: readonly { key: ListKey; title: string; help: string }[] = [
  { key: 'protected', title: 'Protected', help: 'a destructive action on it is refused' },
  { key: 'autoOk', title: 'Auto-OK', help: 'a destructive action on it runs without approval' },
];

/** Safety-list entries added for this case only (to prove a block is refused on a protected host). */
export function SafetyEditor(props: {
  safety: Safety | undefined;
  readOnly: boolean;
  onChange(s: Safety | undefined): void;
}) {
  const { safety, readOnly, onChange } = props;
  const write = (key: ListKey, list: SafetyEntryDraft[] | undefined) => {
    const next: Safety = { ...safety, [key]: list ?? [] };
    const empty = (next.protected ?? []).length === 0 && (next.autoOk ?? []).length === 0;
    onChange(empty ? undefined : next);
  };
  return (
    <fieldset className="case-section" data-testid="case-safety">
      <legend>Safety list for this case</legend>
      {LISTS.map(({ key, title, help }) => {
        const list = safety?.[key] ?? [];
        return (
          <div key={key} data-testid={`safety-${key}`}>
            <p>
              {title} <span className="muted">— {help}</span>
            </p>
            {list.map((entry, i) => (
              <div key={i} className="case-row-fields">
                <label>
                  Kind
                  <select
                    value={entry.kind}
                    disabled={readOnly}
                    onChange={(e) => {
                      const kind = KINDS.find((k) => k === e.target.value);
                      if (kind) write(key, replaced(list, i, { ...entry, kind }));
                    }}
                  >
                    {KINDS.map((k) => (
                      <option key={k} value={k}>
                        {k}
                      </option>
                    ))}
                  </select>
                </label>
                <label>
                  Value
                  <input
                    value={entry.value}
                    readOnly={readOnly}
                    maxLength={512}
                    data-testid={`safety-${key}-${i}-value`}
                    onChange={(e) => write(key, replaced(list, i, { ...entry, value: e.target.value }))}
                  />
                </label>
                {!readOnly && (
                  <button
                    type="button"
                    aria-label={`Remove ${title} entry ${i + 1}`}
                    onClick={() => write(key, replaced(list, i, undefined))}
                  >
                    Remove
                  </button>
                )}
              </div>
            ))}
            {!readOnly && (
              <button
                type="button"
                data-testid={`safety-${key}-add`}
                onClick={() => write(key, [...list, { kind: 'ip', value: '' }])}
              >
                Add {title.toLowerCase()} entry
              </button>
            )}
          </div>
        );
      })}
    </fieldset>
  );
}
