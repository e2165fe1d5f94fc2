import type { Path } from './problems';
import { propertiesOf, requiredOf, type JsonSchema } from './schema';
import { SchemaField } from './SchemaField';

interface ObjectBodyProps {
  schema: JsonSchema;
  value: Record<string, unknown>;
  onChange(value: Record<string, unknown>): void;
  path: Path;
}

/** One field per property, in the schema's order; a field set to undefined removes its key. */
export function ObjectBody({ schema, value, onChange, path }: ObjectBodyProps) {
  const required = requiredOf(schema);
  const set = (key: string, v: unknown) =>
    onChange(
      v === undefined ? Object.fromEntries(Object.entries(value).filter(([k]) => k !== key)) : { ...value, [key]: v },
    );
  return (
    <>
      {propertiesOf(schema).map(([key, s]) => (
        <SchemaField
          key={key}
          name={key}
          schema={s}
          value={value[key]}
          onChange={(v) => set(key, v)}
          path={[...path, key]}
          required={required.has(key)}
        />
      ))}
    </>
  );
}
