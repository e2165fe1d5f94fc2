/** A version's or run's status as a coloured pill (the colours live in styles.css). */
export function StatusBadge({ status }: { status: string }) {
  return (
    <span className={`badge badge-${status}`} data-testid="status-badge">
      {status.replace('_', ' ')}
    </span>
  );
}
