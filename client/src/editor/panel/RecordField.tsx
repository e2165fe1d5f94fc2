import type { FieldProps } from './fieldProps';
import { GroupShell } from './GroupShell';
import { PanelContext, usePanel } from './PanelContext';
import { pathKey } from './problems';
import { asSchema, defaultFor, helpText, isRecord, resolveRef, singular } from './schema';
import { SchemaField } from './SchemaField';
import { useFieldIds } from './useFieldIds';
import { useFocusRequest } from './useFocusRequest';
import { rowId, sameJson, useSyncedRows } from './useSyncedRows';

interface Row {
  id: number;
  key: string;
  value: unknown;
}

const toRows = (obj: Record<string, unknown>): Row[] =>
  Object.entries(obj).map(([key, value]) => ({ id: rowId(), key, value }));

/** The record the rows stand for: rows without a name are left out, the first of a name wins. */
function toRecord(rows: readonly Row[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const r of rows) if (r.key !== '' && !Object.hasOwn(out, r.key)) out[r.key] = r.value;
  return out;
}

function safePattern(p: unknown): RegExp | undefined {
  try {
    return typeof p === 'string' ? new RegExp(p, 'u') : undefined;
  } catch {
    return undefined;
  }
}

/** A record (`additionalProperties`): key/value rows, added and removed (headers, query). */
export function RecordField({ schema, value, onChange, path, label, required }: FieldProps) {
  const panel = usePanel();
  const { readOnly, root } = panel;
  const ids = useFieldIds(path);
  const focus = useFocusRequest<HTMLFieldSetElement>();
  const itemSchema = resolveRef(root, asSchema(schema['additionalProperties']));
  const pattern = safePattern(asSchema(schema['propertyNames'])['pattern']);
  const obj = isRecord(value) ? value : isRecord(schema['default']) ? schema['default'] : {};
  const [rows, setRows] = useSyncedRows(obj, toRows, (rs, v) => sameJson(toRecord(rs), v));
  const one = singular(label);
  const help = helpText(schema, 'record');

  const update = (next: Row[]) => {
    setRows(next);
    const record = toRecord(next);
    if (!sameJson(record, obj)) onChange(record);
  };
  const add = () => {
    focus.focusAfterRender(`[data-row="${rows.length}"] input`);
    update([...rows, { id: rowId(), key: '', value: defaultFor(itemSchema) }]);
  };
  const remove = (i: number) => {
    focus.focusAfterRender('[data-add]');
    update(rows.filter((_, j) => j !== i));
  };

  return (
    <GroupShell ids={ids} label={label} required={required} help={help} className="pf-record" ref={focus.ref}>
      {rows.length === 0 && <p className="pf-unset">None yet.</p>}
      {rows.map((row, i) => {
        const name = `${one} ${i + 1}`;
        const at = pathKey([...path, row.key]);
        const reported = panel.problemsAt(at);
        // The validator reports a bad key at the row's path; it belongs to the name, not the value.
        const keyProblems = reported.filter((m) => m.includes('is not allowed as a name'));
        const valuePanel = {
          ...panel,
          problemsAt: (k: string) =>
            k === at ? reported.filter((m) => !keyProblems.includes(m)) : panel.problemsAt(k),
        };
        const duplicate = row.key !== '' && rows.findIndex((r) => r.key === row.key) < i;
        const badName = keyProblems.length > 0 || (row.key !== '' && pattern !== undefined && !pattern.test(row.key));
        const issue = duplicate
          ? 'another row has this name; only the first one is kept'
          : keyProblems.length > 0
            ? keyProblems.join('; ')
            : badName
              ? 'this name has characters that are not allowed here'
              : row.key === '' && !readOnly
                ? 'name this row to keep it'
                : undefined;
        const issueId = `${ids.inputId}-row-${row.id}`;
        return (
          <div key={row.id} data-row={i} role="group" aria-label={name} className="pf-kv-row">
            <input
              type="text"
              className="pf-input pf-kv-key"
              aria-label={`${name} name`}
              value={row.key}
              placeholder="name"
              readOnly={readOnly}
              spellCheck={false}
              autoComplete="off"
              aria-invalid={duplicate || badName || undefined}
              aria-describedby={issue ? issueId : undefined}
              onChange={(e) => update(rows.map((r, j) => (j === i ? { ...r, key: e.target.value } : r)))}
            />
            <div className="pf-kv-value">
              <PanelContext value={valuePanel}>
                <SchemaField
                  name={row.key || name}
                  label={`${name} value`}
                  hideLabel
                  schema={itemSchema}
                  value={row.value}
                  onChange={(v) => update(rows.map((r, j) => (j === i ? { ...r, value: v ?? '' } : r)))}
                  path={[...path, row.key]}
                  required
                />
              </PanelContext>
            </div>
            {!readOnly && (
              <button
                type="button"
                className="pf-icon pf-remove"
                aria-label={`Remove ${name.toLowerCase()}`}
                onClick={() => remove(i)}
              >
                ✕
              </button>
            )}
            {issue && (
              <p
                id={issueId}
                role={keyProblems.length > 0 ? 'alert' : undefined}
                className={
                  keyProblems.length > 0
                    ? 'pf-problem pf-kv-issue'
                    : duplicate || badName
                      ? 'pf-syntax pf-kv-issue'
                      : 'pf-help pf-kv-issue'
                }
              >
                {issue}
              </p>
            )}
          </div>
        );
      })}
      {!readOnly && (
        <button type="button" className="pf-small" data-add onClick={add}>
          Add {one.toLowerCase()}
        </button>
      )}
    </GroupShell>
  );
}
