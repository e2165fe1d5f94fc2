import { generateCondition, parseCondition, type Condition, type ConditionRow } from '@autonomic/workflow';
import { useEffect, useId, useRef, useState } from 'react';
import type { ParamsFormProps } from '../contracts';
import { ConditionRowEditor } from './ConditionRowEditor';
import { draftOf, fieldType, rowOf, type DraftRow } from './conditionDraft';
import { ExpressionInput } from './ExpressionInput';
import { Problems } from './FieldShell';

type Props = Omit<ParamsFormProps, 'nodeType'>;

const EMPTY_ROW: DraftRow = { field: '', op: 'equals', text: '' };

interface FormState {
  mode: 'builder' | 'advanced';
  join: Condition['join'];
  drafts: DraftRow[];
  /** Why the builder cannot show the predicate. */
  note?: string | undefined;
}

/** What the builder shows for a predicate: its rows, or the advanced editor with the reason. */
function open(predicate: string): FormState {
  const parsed = parseCondition(predicate);
  if (!parsed.ok) return { mode: 'advanced', join: 'all', drafts: [EMPTY_ROW], note: parsed.reason };
  const rows = parsed.condition.rows.map(draftOf);
  return { mode: 'builder', join: parsed.condition.join, drafts: rows.length > 0 ? rows : [EMPTY_ROW] };
}

/**
 * The condition step's form: rows of field, operator and value joined by all/any, the
 * JSONata they make shown read-only under them. A predicate the builder cannot show opens
 * in the advanced (free JSONata) editor with the reason; "Edit as JSONata" goes there too.
 */
export function ConditionForm({ value, onChange, completions, problems, readOnly = false }: Props) {
  const predicate = typeof value['predicate'] === 'string' ? value['predicate'] : '';
  const [state, setState] = useState<FormState>(() => open(predicate));
  // The predicate this form last wrote: any other (undo, redo) is read back into the rows.
  const written = useRef(predicate);
  const ids = { jsonata: useId(), problems: useId() };
  const fields = completions.filter((c) => !c.path.startsWith('$'));
  const typeOf = (d: DraftRow) => fieldType(completions, d.field);
  const checked = state.drafts.map((d) => rowOf(d, typeOf(d)));
  const messages = problems.filter((p) => p.path === 'params.predicate').map((p) => p.message);

  useEffect(() => {
    if (predicate === written.current) return;
    written.current = predicate;
    if (state.mode === 'builder') setState(open(predicate));
  }, [predicate, state.mode]);

  function write(next: string) {
    written.current = next;
    if (next !== predicate) onChange({ ...value, predicate: next });
  }

  function update(drafts: DraftRow[], join: Condition['join']) {
    setState({ mode: 'builder', join, drafts });
    const rows = drafts.map((d) => rowOf(d, typeOf(d))).flatMap((r): ConditionRow[] => ('row' in r ? [r.row] : []));
    write(generateCondition({ join, rows }));
  }

  function toBuilder() {
    const next = open(predicate);
    setState(next.mode === 'builder' ? next : { ...state, note: next.note });
  }

  if (state.mode === 'advanced')
    return (
      <div className="pf-form cb-form" role="group" aria-label="Condition settings">
        <label className="pf-label" htmlFor={ids.jsonata}>
          Predicate (JSONata)
        </label>
        {state.note && (
          <p className="pf-help cb-note" role="status">
            The builder cannot show this expression: {state.note}.
          </p>
        )}
        <ExpressionInput
          id={ids.jsonata}
          value={predicate}
          onChange={write}
          completions={completions}
          describedBy={messages.length > 0 ? ids.problems : undefined}
          invalid={messages.length > 0}
          readOnly={readOnly}
          placeholder="e.g. steps.enrich.output.score >= 70"
        />
        <Problems id={ids.problems} messages={messages} />
        <button type="button" className="pf-small" onClick={toBuilder} disabled={readOnly}>
          Use the builder
        </button>
      </div>
    );

  const { drafts, join } = state;
  return (
    <div className="pf-form cb-form" role="group" aria-label="Condition settings">
      <p className="pf-label">Follow “true” when</p>
      {drafts.length > 1 && (
        <div role="radiogroup" aria-label="How conditions combine" className="cb-join">
          {(['all', 'any'] as const).map((j) => (
            <label key={j} className="pf-check-option">
              <input
                type="radio"
                name={`${ids.jsonata}-join`}
                checked={join === j}
                disabled={readOnly}
                onChange={() => update(drafts, j)}
              />
              {j === 'all' ? 'all conditions hold (and)' : 'any condition holds (or)'}
            </label>
          ))}
        </div>
      )}
      <div className="pf-items">
        {drafts.map((d, i) => {
          const c = checked[i];
          return (
            <ConditionRowEditor
              key={i}
              index={i}
              draft={d}
              type={typeOf(d)}
              problem={c && 'problem' in c ? c.problem : undefined}
              fields={fields}
              readOnly={readOnly}
              onChange={(next) =>
                update(
                  drafts.map((x, j) => (j === i ? next : x)),
                  join,
                )
              }
              onRemove={() =>
                update(
                  drafts.filter((_, j) => j !== i),
                  join,
                )
              }
            />
          );
        })}
      </div>
      <div className="pf-list-actions">
        <button
          type="button"
          className="pf-small"
          disabled={readOnly}
          onClick={() => update([...drafts, EMPTY_ROW], join)}
        >
          Add condition
        </button>
        <button
          type="button"
          className="pf-small"
          disabled={readOnly}
          onClick={() => setState({ ...state, mode: 'advanced', note: undefined })}
        >
          Edit as JSONata
        </button>
      </div>
      <p className="pf-label" id={ids.jsonata}>
        Generated JSONata
      </p>
      <pre className="pf-json cb-jsonata" aria-labelledby={ids.jsonata} data-testid="condition-jsonata">
        {predicate === '' ? '(no complete condition yet)' : predicate}
      </pre>
      <Problems id={ids.problems} messages={messages} />
    </div>
  );
}
