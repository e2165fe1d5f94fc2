import { useId, type ReactNode } from 'react';

/**
 * A side column of the editor (the palette, the panel) that folds to a narrow rail to give
 * the canvas room. The toggle says what it folds (`label`) and its state (aria-expanded);
 * folded, the content stays mounted but hidden, so that a search typed in it survives.
 */
export function CollapsibleColumn({
  label,
  side,
  collapsed,
  onToggle,
  className,
  testId,
  children,
}: {
  label: string;
  side: 'left' | 'right';
  collapsed: boolean;
  onToggle(): void;
  className: string;
  testId: string;
  children: ReactNode;
}) {
  const id = useId();
  // The arrow points where the column goes: a left column folds to the left.
  const glyph = (side === 'left') === collapsed ? '»' : '«';
  return (
    <div className={`editor-column ${className}${collapsed ? ' is-collapsed' : ''}`} data-testid={testId}>
      <button
        type="button"
        className="column-toggle"
        aria-expanded={!collapsed}
        aria-controls={id}
        onClick={onToggle}
        title={`${collapsed ? 'Show' : 'Hide'} the ${label.toLowerCase()}`}
        data-testid={`${testId}-toggle`}
      >
        <span aria-hidden="true">{glyph}</span> <span className="column-toggle-label">{label}</span>
      </button>
      <div id={id} className="editor-column-body" hidden={collapsed}>
        {children}
      </div>
    </div>
  );
}
