import type { SimulationNote } from '@autonomic/api';

/**
 * What the simulation did differently from a live run (a read with a live credential
 * answered from its example, a connector version not installed), one line per note;
 * nothing when there are none.
 */
export function SimulationNotes({ notes }: { notes: readonly SimulationNote[] }) {
  if (notes.length === 0) return null;
  return (
    <section aria-label="Simulation notes" data-testid="simulation-notes">
      <h3>Notes</h3>
      <ul>
        {notes.map((n, i) => (
          <li key={`${n.stepKey}-${i}`} data-testid={`simulation-note-${n.stepKey}`}>
            <code>{n.stepKey}</code>: {n.message}
          </li>
        ))}
      </ul>
    </section>
  );
}
