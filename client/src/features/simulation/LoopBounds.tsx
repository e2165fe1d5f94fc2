import type { SimulationView } from '@autonomic/api';

/** The repeat-until loops of a run that reached their maximum, from their `loop_exit` trace events. */
export function boundsOf(trace: SimulationView['trace']): { stepKey: string; rounds: number }[] {
  return trace.flatMap((a) =>
    (a.events ?? [])
      .filter((e) => e.type === 'loop_exit' && e.reason === 'max_reached')
      .map((e) => ({ stepKey: a.stepKey, rounds: e.rounds ?? 0 })),
  );
}

/**
 * One line per repeat-until loop that ran its maximum of rounds without its condition
 * holding ("bound reached after 10 rounds"); nothing when none did.
 */
export function LoopBounds({ trace }: { trace: SimulationView['trace'] }) {
  const bounds = boundsOf(trace);
  if (bounds.length === 0) return null;
  return (
    <section aria-label="Loops that reached their maximum" data-testid="loop-bounds">
      <ul>
        {bounds.map((b, i) => (
          <li key={`${b.stepKey}-${i}`}>
            Repeat <code>{b.stepKey}</code>: bound reached after {b.rounds} round{b.rounds === 1 ? '' : 's'}, its stop
            condition never held.
          </li>
        ))}
      </ul>
    </section>
  );
}
