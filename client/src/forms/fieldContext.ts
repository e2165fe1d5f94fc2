import type { Json, JsonPath } from './jsonValue';

/** What every field of one schema form shares: the value it edits and how to write it. */
export interface FieldContext {
  /** Prefix of input ids (unique per form on the page). */
  idPrefix: string;
  /** Prefix of `data-testid`s: `<prefix>-field-<path>`, `<prefix>-add-<path>`… */
  testId: string;
  /** The whole value the form edits. */
  value: Json | undefined;
  /** The messages to show, by dotted path ("is required"); the field's label goes before them. */
  errors: ReadonlyMap<string, string>;
  readOnly: boolean;
  set(path: JsonPath, next: Json | undefined): void;
}

/** An input id from a dotted path (ids must not carry dots or brackets for CSS and ARIA). */
export const idOf = (ctx: Pick<FieldContext, 'idPrefix'>, path: string) =>
  `${ctx.idPrefix}-${path.replace(/[^a-zA-Z0-9_-]/g, '_')}`;
