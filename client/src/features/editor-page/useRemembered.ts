import { useCallback, useState } from 'react';

/** Reads a remembered flag; storage may be missing or refuse (private mode), then `fallback`. */
function read(key: string, fallback: boolean): boolean {
  try {
    const v = window.localStorage.getItem(key);
    return v === null ? fallback : v === 'true';
  } catch {
    return fallback;
  }
}

/**
 * A yes/no choice of the person (a collapsed palette, a collapsed panel) kept in
 * localStorage under `key`, so that the editor opens the way it was left.
 */
export function useRemembered(key: string, fallback: boolean): [boolean, (next: boolean) => void] {
  const [value, setValue] = useState(() => read(key, fallback));
  const set = useCallback(
    (next: boolean) => {
      setValue(next);
      try {
        window.localStorage.setItem(key, String(next));
      } catch {
        // Not remembered, still applied.
      }
    },
    [key],
  );
  return [value, set];
}
