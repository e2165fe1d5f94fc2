import { useEffect, useState } from 'react';

/** Milliseconds since `busy` turned true, ticking every 100 ms while it stays true. */
export function useElapsed(busy: boolean): number {
  const [elapsed, setElapsed] = useState(0);
  useEffect(() => {
    if (!busy) return undefined;
    const start = performance.now();
    setElapsed(0);
    const t = setInterval(() => setElapsed(performance.now() - start), 100);
    return () => clearInterval(t);
  }, [busy]);
  return elapsed;
}
