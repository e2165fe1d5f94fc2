import { createContext, useContext } from 'react';
import type { CompletionItem } from '../contracts';
import type { JsonSchema } from './schema';

/** What every generated field needs besides its own value: shared by the whole form. */
export interface PanelContextValue {
  /** The form's root schema, for `$ref`s. */
  root: JsonSchema;
  completions: readonly CompletionItem[];
  /** Messages placed under this path (see `placeProblems`). */
  problemsAt(pathKey: string): readonly string[];
  readOnly: boolean;
}

const NONE: readonly string[] = [];

export const PanelContext = createContext<PanelContextValue>({
  root: {},
  completions: [],
  problemsAt: () => NONE,
  readOnly: false,
});

export const usePanel = (): PanelContextValue => useContext(PanelContext);
