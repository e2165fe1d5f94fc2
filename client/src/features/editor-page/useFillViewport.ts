import { useCallback, useEffect, useRef } from 'react';

/**
 * Sizes an element to end at the bottom of the window (less its parent's bottom padding),
 * however tall the app bar above it has become (it wraps to two lines at 1280 px), so that
 * the page itself never scrolls: each region inside scrolls on its own.
 */
export function useFillViewport<T extends HTMLElement>(): (el: T | null) => void {
  const node = useRef<T | null>(null);
  const fit = useCallback(() => {
    const el = node.current;
    if (!el) return;
    const top = el.getBoundingClientRect().top + window.scrollY;
    const parent = el.parentElement;
    const below = parent ? parseFloat(getComputedStyle(parent).paddingBottom) || 0 : 0;
    el.style.height = `${Math.max(0, document.documentElement.clientHeight - top - below)}px`;
  }, []);
  useEffect(() => {
    window.addEventListener('resize', fit);
    // The app bar may change height without a window resize (a font loading, a role's links).
    const observer = typeof ResizeObserver === 'function' ? new ResizeObserver(fit) : null;
    const bar = document.querySelector('.topbar');
    if (observer && bar) observer.observe(bar);
    return () => {
      window.removeEventListener('resize', fit);
      observer?.disconnect();
    };
  }, [fit]);
  return useCallback(
    (el: T | null) => {
      node.current = el;
      fit();
    },
    [fit],
  );
}
