import { useEffect, useId, useRef, useState, type ReactNode } from 'react';

/**
 * "More": the header's secondary actions in a drop-down when the window is narrow, so that
 * the header stays on one line. A disclosure (button with aria-expanded and the list it
 * shows): Esc or a click elsewhere closes it, and choosing an action closes it too.
 */
export function MoreMenu({ children }: { children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!open) return undefined;
    const away = (e: PointerEvent) => {
      if (!(e.target instanceof Node) || !root.current?.contains(e.target)) setOpen(false);
    };
    document.addEventListener('pointerdown', away);
    return () => document.removeEventListener('pointerdown', away);
  }, [open]);
  return (
    <div
      className="more-menu"
      ref={root}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          e.stopPropagation();
          setOpen(false);
          button.current?.focus();
        }
      }}
      onBlur={(e) => {
        if (!(e.relatedTarget instanceof Node) || !root.current?.contains(e.relatedTarget)) setOpen(false);
      }}
    >
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen((o) => !o)}
        data-testid="header-more"
      >
        More <span aria-hidden="true">▾</span>
      </button>
      <div id={id} className="more-menu-list" hidden={!open} onClick={() => setOpen(false)}>
        {children}
      </div>
    </div>
  );
}
