import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';

interface Props {
  /** The button's content (its accessible name). */
  label: ReactNode;
  /** The list items: links and buttons. */
  children: ReactNode;
  /** Opens towards the left edge of the button (for the menu at the right of the bar). */
  alignEnd?: boolean;
  testId?: string;
}

/**
 * A disclosure menu of the top bar: a button with `aria-expanded` shows a list of links.
 * Escape closes it and gives the focus back to the button; so do a click outside, the
 * focus leaving it, and following one of its links. Arrow Down on the button opens it
 * and moves to the first item.
 */
export function NavMenu({ label, children, alignEnd = false, testId }: Props) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const listId = useId();

  useEffect(() => {
    if (!open) return;
    const away = (e: PointerEvent) => {
      if (e.target instanceof Node && !root.current?.contains(e.target)) setOpen(false);
    };
    document.addEventListener('pointerdown', away);
    return () => document.removeEventListener('pointerdown', away);
  }, [open]);

  // The list's own links and buttons (a selector from the root would also match the menu
  // button, itself inside the navigation's list item).
  const items = (): HTMLElement[] => Array.from(list.current?.querySelectorAll<HTMLElement>('a, button') ?? []);

  function onKeyDown(e: KeyboardEvent) {
    if (e.key === 'Escape' && open) {
      e.preventDefault();
      setOpen(false);
      button.current?.focus();
      return;
    }
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    const all = items();
    const at = all.findIndex((el) => el === document.activeElement);
    if (e.target === button.current && e.key === 'ArrowDown') {
      e.preventDefault();
      // An open list is there to focus now; a closed one renders on the next frame.
      if (open && all[0]) all[0].focus();
      else {
        setOpen(true);
        requestAnimationFrame(() => items()[0]?.focus());
      }
      return;
    }
    if (at < 0) return;
    e.preventDefault();
    const next = e.key === 'ArrowDown' ? Math.min(at + 1, all.length - 1) : Math.max(at - 1, 0);
    all[next]?.focus();
  }

  return (
    <div
      className="nav-menu"
      ref={root}
      onKeyDown={onKeyDown}
      onBlur={(e) => {
        // Only a focus that went somewhere else: a click on a link that takes no focus
        // (Safari) blurs with no related target and must still reach the link.
        if (e.relatedTarget && !root.current?.contains(e.relatedTarget)) setOpen(false);
      }}
    >
      <button
        type="button"
        ref={button}
        className="nav-menu-button"
        aria-expanded={open}
        aria-controls={listId}
        data-testid={testId}
        onClick={() => setOpen((o) => !o)}
      >
        {label}
        <span aria-hidden="true" className="nav-menu-caret">
          ▾
        </span>
      </button>
      <ul
        id={listId}
        ref={list}
        className={alignEnd ? 'nav-menu-list end' : 'nav-menu-list'}
        hidden={!open}
        onClick={(e) => {
          if (e.target instanceof Element && e.target.closest('a')) setOpen(false);
        }}
      >
        {children}
      </ul>
    </div>
  );
}
