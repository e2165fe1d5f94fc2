/** A workflow version's status as a pill in the list and the editor header (colours in styles.css). */
export function StatusBadge({ status }: { status: string }) {
  return <span className={`badge badge-${status}`}>{status.replace('_', ' ')}</span>;
}
