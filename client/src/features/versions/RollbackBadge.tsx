import type { VersionSummary } from '@autonomic/api';

type Verdict = NonNullable<VersionSummary['rollback']>;

const rate = (n: number) => `${Math.round(n * 10) / 10}×`;

/** Why the rollback policy acted on a version, in one line (issue 15 §3). */
export function rollbackText(r: Verdict): string {
  const why = `burn ${rate(r.burnRate)} (${r.failures} of ${r.runs} runs failed)`;
  return r.outcome === 'rolled_back'
    ? `rolled back by policy to v${r.toNumber ?? '?'}: ${why}`
    : `burning fast, nothing to roll back to: ${why}`;
}

/** A small badge beside a version's status when the rollback policy gave it a verdict; nothing otherwise. */
export function RollbackBadge({ rollback }: { rollback: VersionSummary['rollback'] }) {
  if (!rollback) return null;
  const when = new Date(rollback.at).toLocaleString();
  return (
    <span
      className="badge badge-rolled-back"
      data-testid="rollback-badge"
      title={`${when}, over the ${rollback.windowMinutes} min after it was published`}
    >
      {rollbackText(rollback)}
    </span>
  );
}
