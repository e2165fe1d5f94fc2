import { idOf, type FieldContext } from './fieldContext';
import { FieldInput } from './FieldInput';
import { dotted, getAt, type JsonPath } from './jsonValue';
import type { Field } from './schemaFields';

interface Props {
  fields: readonly Field[];
  /** Where these fields sit in the value (the root, a group, an item of a list). */
  at: JsonPath;
  ctx: FieldContext;
}

/** The inputs of a schema form, one per field (objects as nested groups, lists of objects as repeatable groups). */
export function FieldList({ fields, at, ctx }: Props) {
  return (
    <>
      {fields.map((f) => {
        const path = [...at, f.name];
        const key = dotted(path);
        if (f.kind === 'object') return <ObjectGroup key={key} field={f} path={path} ctx={ctx} />;
        if (f.kind === 'objects') return <RepeatGroup key={key} field={f} path={path} ctx={ctx} />;
        return <FieldInput key={key} field={f} path={path} ctx={ctx} />;
      })}
    </>
  );
}

function Legend({ field }: { field: Field }) {
  return (
    <legend>
      {field.label}
      {field.required && <span className="required"> (required)</span>}
    </legend>
  );
}

/** The message of a group itself ("Host is required"), at its legend. */
function GroupError({ field, path, ctx }: { field: Field; path: string; ctx: FieldContext }) {
  const error = ctx.errors.get(path);
  if (!error) return null;
  return (
    <span id={`${idOf(ctx, path)}-error`} className="field-error" role="alert">
      {field.label} {error}
    </span>
  );
}

function ObjectGroup({ field, path, ctx }: { field: Field; path: JsonPath; ctx: FieldContext }) {
  const key = dotted(path);
  return (
    <fieldset className="schema-group" data-testid={`${ctx.testId}-group-${key}`}>
      <Legend field={field} />
      {field.description && <p className="muted hint">{field.description}</p>}
      <GroupError field={field} path={key} ctx={ctx} />
      <FieldList fields={field.fields ?? []} at={path} ctx={ctx} />
    </fieldset>
  );
}

/** A list of objects: one group per item, each removable, and a button to add one. */
function RepeatGroup({ field, path, ctx }: { field: Field; path: JsonPath; ctx: FieldContext }) {
  const key = dotted(path);
  const raw = getAt(ctx.value, path);
  const items = Array.isArray(raw) ? raw : [];
  return (
    <fieldset className="schema-group" data-testid={`${ctx.testId}-group-${key}`}>
      <Legend field={field} />
      {field.description && <p className="muted hint">{field.description}</p>}
      <GroupError field={field} path={key} ctx={ctx} />
      {items.length === 0 && <p className="muted">None yet.</p>}
      {items.map((_item, i) => (
        <fieldset key={i} className="schema-group schema-item" data-testid={`${ctx.testId}-item-${key}.${i}`}>
          <legend>
            {field.label} {i + 1}
          </legend>
          <FieldList fields={field.fields ?? []} at={[...path, i]} ctx={ctx} />
          {!ctx.readOnly && (
            <button type="button" onClick={() => ctx.set([...path, i], undefined)}>
              Remove {field.label} {i + 1}
            </button>
          )}
        </fieldset>
      ))}
      {!ctx.readOnly && (
        <button
          type="button"
          data-testid={`${ctx.testId}-add-${key}`}
          onClick={() => ctx.set([...path, items.length], {})}
        >
          Add {field.label}
        </button>
      )}
    </fieldset>
  );
}
