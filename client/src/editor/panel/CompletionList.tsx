import type { CompletionItem } from '../contracts';

interface CompletionListProps {
  id: string;
  options: readonly CompletionItem[];
  active: number;
  optionId(index: number): string;
  onPick(item: CompletionItem): void;
}

/** The suggestions under an expression field; focus stays in the field (aria-activedescendant). */
export function CompletionList({ id, options, active, optionId, onPick }: CompletionListProps) {
  return (
    <ul role="listbox" id={id} aria-label="Suggestions" className="pf-listbox">
      {options.map((o, i) => (
        <li
          key={o.path}
          id={optionId(i)}
          role="option"
          aria-selected={i === active}
          className={i === active ? 'pf-option pf-option-active' : 'pf-option'}
          // Keep focus (and the caret) in the field while the pointer picks.
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => onPick(o)}
        >
          <code>{o.path}</code>
          {o.detail && <span className="pf-option-detail">{o.detail}</span>}
        </li>
      ))}
    </ul>
  );
}
