import { useEffect, useRef } from 'react';

/**
 * Moves focus after the next render to an element inside the container (the row just
 * added, the button of an item just moved), so keyboard users keep their place.
 */
export function useFocusRequest<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  const pending = useRef<string | null>(null);
  useEffect(() => {
    const selector = pending.current;
    if (!selector || !ref.current) return;
    pending.current = null;
    ref.current.querySelector<HTMLElement>(selector)?.focus();
  });
  return { ref, focusAfterRender: (selector: string) => void (pending.current = selector) };
}
