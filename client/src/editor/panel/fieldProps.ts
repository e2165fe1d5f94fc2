import type { ReactNode } from 'react';
import type { Path } from './problems';
import type { JsonSchema } from './schema';

/** What every generated field gets. `onChange(undefined)` unsets the value (removes the key). */
export interface FieldProps {
  /** The property name (or a row's key): humanised into the label when the schema has no title. */
  name: string;
  /** The field's schema, `$ref` resolved. */
  schema: JsonSchema;
  value: unknown;
  onChange(value: unknown): void;
  /** Where the value sits, as the validator spells problem paths (`params`, `escalation`, 0, `after`). */
  path: Path;
  label: string;
  required: boolean;
  /** List items and record values: the label is read out but not drawn. */
  hideLabel?: boolean;
  /** An item of a list: numbered by its label, never marked required nor removable on its own. */
  item?: boolean;
  /** Buttons drawn next to a group's legend (a list item's move and remove). */
  actions?: ReactNode;
}
