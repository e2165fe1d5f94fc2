import { useLayoutEffect, useRef, type ChangeEvent } from 'react';
import type { CompletionItem } from '../contracts';
import { Backdrop } from './Backdrop';
import { CompletionList } from './CompletionList';
import type { Highlight } from './syntax';
import { useCompletion } from './useCompletion';

export interface CodeInputProps {
  value: string;
  onChange(value: string): void;
  mode: 'expression' | 'template';
  multiline: boolean;
  completions: readonly CompletionItem[];
  highlights: readonly Highlight[];
  id?: string | undefined;
  ariaLabel?: string | undefined;
  describedBy?: string | undefined;
  invalid?: boolean | undefined;
  required?: boolean | undefined;
  readOnly?: boolean | undefined;
  placeholder?: string | undefined;
}

/**
 * A plain input or textarea with a highlighting backdrop and a completion listbox. A
 * single-line field is an ARIA combobox; a textarea keeps its textbox role and points at
 * the list with aria-activedescendant (an HTML textarea may not take the combobox role).
 */
export function CodeInput(props: CodeInputProps) {
  const { value, mode, multiline, highlights, readOnly } = props;
  const inputRef = useRef<HTMLInputElement | HTMLTextAreaElement | null>(null);
  const setInput = (el: HTMLInputElement | HTMLTextAreaElement | null) => {
    inputRef.current = el;
  };
  const backdropRef = useRef<HTMLDivElement>(null);
  const c = useCompletion({ value, onChange: props.onChange, mode, completions: props.completions, inputRef });

  const sync = () => {
    const el = inputRef.current;
    const bd = backdropRef.current;
    if (!el || !bd) return;
    bd.scrollTop = el.scrollTop;
    bd.scrollLeft = el.scrollLeft;
  };

  // A textarea grows with its text, so it never scrolls away from its backdrop.
  useLayoutEffect(() => {
    const el = inputRef.current;
    if (!multiline || !el) return;
    el.style.height = 'auto';
    el.style.height = `${el.scrollHeight + 2}px`;
    sync();
  }, [value, multiline]);

  const shared = {
    id: props.id,
    value,
    readOnly,
    placeholder: props.placeholder,
    spellCheck: false,
    autoComplete: 'off',
    'aria-label': props.ariaLabel,
    'aria-describedby': props.describedBy || undefined,
    'aria-invalid': props.invalid || undefined,
    'aria-required': props.required || undefined,
    'aria-autocomplete': 'list' as const,
    'aria-controls': c.open ? c.listboxId : undefined,
    'aria-activedescendant': c.open ? c.optionId(c.active) : undefined,
    className: `pf-code-input pf-code-${mode}`,
    onChange: (e: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => {
      c.onInput(e.target.value, e.target.selectionStart);
      sync();
    },
    onKeyDown: c.onKeyDown,
    onBlur: c.close,
    onScroll: sync,
    onSelect: sync,
  };

  return (
    <div className={`pf-code${readOnly ? ' pf-code-readonly' : ''}`}>
      <Backdrop ref={backdropRef} text={value} highlights={highlights} />
      {multiline ? (
        <textarea ref={setInput} {...shared} rows={mode === 'expression' ? 2 : 3} />
      ) : (
        <input ref={setInput} {...shared} type="text" role="combobox" aria-expanded={c.open} />
      )}
      {c.open && (
        <CompletionList
          id={c.listboxId}
          options={c.options}
          active={c.active}
          optionId={c.optionId}
          onPick={c.accept}
        />
      )}
      <span className="pf-sr-only" aria-live="polite">
        {c.open ? `${c.options.length} suggestion${c.options.length === 1 ? '' : 's'}` : ''}
      </span>
    </div>
  );
}
