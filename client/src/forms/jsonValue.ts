/**
 * The value a schema form edits: plain JSON, read and written at a path of keys and list
 * positions. A form writes one field at a time and keeps every key it does not show (a
 * fixture's answer may carry more than its schema declares).
 */

/** A JSON value, as an event or a step's output is sent. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** Keys of objects and positions in lists, from the root. */
export type JsonPath = readonly (string | number)[];

export type JsonObject = { [key: string]: Json };

export const isJsonObject = (v: Json | undefined): v is JsonObject =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The dotted form of a path (`hosts.0.name`), as field ids and the server's field errors name it. */
export const dotted = (path: JsonPath): string => path.join('.');

/** The value at `path`, or undefined when something on the way is missing. */
export function getAt(value: Json | undefined, path: JsonPath): Json | undefined {
  let at: Json | undefined = value;
  for (const key of path) {
    if (typeof key === 'number') at = Array.isArray(at) ? at[key] : undefined;
    else at = isJsonObject(at) ? at[key] : undefined;
    if (at === undefined) return undefined;
  }
  return at;
}

/**
 * `value` with `next` at `path` (created on the way as objects or lists); `undefined`
 * removes the key, and an object left empty by that goes too (not the root, not a list
 * item), so that an emptied field is missing rather than blank.
 */
export function setAt(value: Json | undefined, path: JsonPath, next: Json | undefined): Json | undefined {
  const [key, ...rest] = path;
  if (key === undefined) return next;
  if (typeof key === 'number') {
    const list = Array.isArray(value) ? value.slice() : [];
    const item = setAt(list[key], rest, next);
    if (item === undefined) list.splice(key, 1);
    else list[key] = item;
    return list;
  }
  const obj: JsonObject = isJsonObject(value) ? { ...value } : {};
  const child = setAt(obj[key], rest, next);
  // Only a removal prunes: "add a group" may write an empty object on purpose.
  const emptied = next === undefined && isJsonObject(child) && Object.keys(child).length === 0;
  if (child === undefined || emptied) delete obj[key];
  else obj[key] = child;
  return obj;
}

/** Whether two JSON values are the same (key order aside from how they were built). */
export const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** Parses JSON text: the value, or the parser's complaint in words. */
export function parseJsonText(text: string): { ok: true; value: Json } | { ok: false; error: string } {
  try {
    const value: Json = JSON.parse(text);
    return { ok: true, value };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}
