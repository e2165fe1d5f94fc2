import { dotted, getAt, type Json, type JsonPath } from './jsonValue';
import type { Field } from './schemaFields';

/** The dotted paths the form shows a message at: each field and group, and each item's fields. */
export function placedPaths(fields: readonly Field[], value: Json | undefined, at: JsonPath = []): Set<string> {
  const out = new Set<string>();
  for (const f of fields) {
    const path = [...at, f.name];
    out.add(dotted(path));
    if (f.kind === 'object') for (const p of placedPaths(f.fields ?? [], value, path)) out.add(p);
    if (f.kind === 'objects') {
      const items = getAt(value, path);
      (Array.isArray(items) ? items : []).forEach((_x, i) => {
        for (const p of placedPaths(f.fields ?? [], value, [...path, i])) out.add(p);
      });
    }
  }
  return out;
}

/** The outside messages no field shows (all of them in the JSON view), to be listed under the form. */
export function unplacedErrors(
  fields: readonly Field[],
  value: Json | undefined,
  errors: ReadonlyMap<string, string> | undefined,
  asJson: boolean,
): [string, string][] {
  if (!errors) return [];
  const placed = asJson ? new Set<string>() : placedPaths(fields, value);
  return [...errors].filter(([path]) => !placed.has(path));
}
