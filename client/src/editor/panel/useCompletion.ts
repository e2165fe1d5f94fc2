import {
  useEffect,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type RefObject,
} from 'react';
import type { CompletionItem } from '../contracts';
import { tokenAt, type CaretToken } from './caretToken';
import { filterCompletions } from './completions';
import { JSONATA_FUNCTIONS } from './jsonataFunctions';

type Editable = HTMLInputElement | HTMLTextAreaElement;

interface Options {
  value: string;
  onChange(value: string): void;
  mode: 'expression' | 'template';
  completions: readonly CompletionItem[];
  inputRef: RefObject<Editable | null>;
}

interface Open {
  /** The text the token was read from: a stale token never edits newer text. */
  text: string;
  token: CaretToken;
  active: number;
}

const MAX_OPTIONS = 12;

/**
 * The completion listbox of an expression or template field (ARIA combobox keys):
 * ↑/↓ move, Enter or Tab accept, Esc closes. It opens on a word being typed, right after
 * `{{ ` in a template, and on Ctrl+Space at the caret (every path when nothing is typed).
 */
export function useCompletion({ value, onChange, mode, completions, inputRef }: Options) {
  const [state, setState] = useState<Open | null>(null);
  const listboxId = useId();
  const pendingCaret = useRef<number | null>(null);
  const current = state && state.text === value ? state : null;

  const options = useMemo(() => {
    if (!current) return [];
    const source = current.token.kind === 'function' ? JSONATA_FUNCTIONS : completions;
    return filterCompletions(source, current.token.prefix, MAX_OPTIONS);
  }, [current, completions]);
  const open = current !== null && options.length > 0;
  const active = open ? Math.min(current.active, options.length - 1) : -1;
  const optionId = (i: number) => `${listboxId}-opt-${i}`;

  // Put the caret after an accepted completion once the new value is in the input.
  useLayoutEffect(() => {
    const caret = pendingCaret.current;
    const el = inputRef.current;
    if (caret === null || !el || el.value !== value) return;
    pendingCaret.current = null;
    el.setSelectionRange(caret, caret);
  }, [value, inputRef]);

  useEffect(() => {
    if (active >= 0) document.getElementById(`${listboxId}-opt-${active}`)?.scrollIntoView?.({ block: 'nearest' });
  }, [active, listboxId]);

  function openAt(text: string, caret: number | null, explicit = false) {
    const token = caret === null ? undefined : tokenAt(text, caret, mode, explicit);
    setState(token ? { text, token, active: 0 } : null);
  }

  function accept(item: CompletionItem) {
    if (!current) return;
    const { from, to, kind } = current.token;
    const rest = value.slice(to);
    const call = kind === 'function' && !rest.startsWith('(');
    pendingCaret.current = from + item.path.length + (kind === 'function' ? 1 : 0);
    setState(null);
    onChange(value.slice(0, from) + item.path + (call ? '()' : '') + rest);
  }

  function onKeyDown(e: KeyboardEvent<Editable>) {
    if (e.key === ' ' && e.ctrlKey) {
      e.preventDefault();
      openAt(e.currentTarget.value, e.currentTarget.selectionStart, true);
      return;
    }
    if (!open) return;
    const move = (to: number) => setState({ ...current, active: (to + options.length) % options.length });
    const chosen = options[active];
    if (e.key === 'ArrowDown') move(active + 1);
    else if (e.key === 'ArrowUp') move(active - 1);
    else if ((e.key === 'Enter' || e.key === 'Tab') && chosen) accept(chosen);
    else if (e.key === 'Escape') {
      e.stopPropagation(); // the list closes; the panel around it stays open
      setState(null);
    } else return;
    e.preventDefault();
  }

  /** Call on every edit: reads the word before the caret and opens the list for it. */
  function onInput(text: string, caret: number | null) {
    openAt(text, caret);
    onChange(text);
  }

  return { open, options, active, listboxId, optionId, accept, onKeyDown, onInput, close: () => setState(null) };
}
