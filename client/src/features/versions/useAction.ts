import { useState } from 'react';

export interface Action<K extends string> {
  /** The write under way (which button was pressed), or null. */
  pending: K | null;
  /** Why the last write failed; cleared when the next one starts. */
  error: Error | null;
  /** Runs `act` as `key`: pending while it runs, its failure kept in `error`. */
  run(key: K, act: () => Promise<void>): Promise<void>;
}

/**
 * A write started from a button or form (approve, publish, cancel): which one is under way,
 * so the buttons can be disabled and say so, and the server's refusal, to be shown as it is.
 * @example
 * const decision = useAction<'approve' | 'reject'>();
 * <button disabled={decision.pending !== null} onClick={() => void decision.run('approve', send)} />
 */
export function useAction<K extends string>(): Action<K> {
  const [pending, setPending] = useState<K | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const run = async (key: K, act: () => Promise<void>) => {
    setPending(key);
    setError(null);
    try {
      await act();
    } catch (e) {
      setError(e instanceof Error ? e : new Error(String(e)));
    } finally {
      setPending(null);
    }
  };
  return { pending, error, run };
}
