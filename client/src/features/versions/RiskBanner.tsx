import type { DiffRisk } from '@autonomic/api';

/** The risk of a change and why, at the top of a diff or a review. */
export function RiskBanner({ risk, reasons }: { risk: DiffRisk | null; reasons: readonly string[] }) {
  if (!risk) return null;
  return (
    <section className={`risk risk-${risk}`} data-testid="risk-banner" aria-label="Risk">
      <strong>Risk: {risk}</strong>
      {reasons.length > 0 ? (
        <ul>
          {reasons.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      ) : (
        <span className="muted"> — no destructive action, weakened approval or new write.</span>
      )}
    </section>
  );
}
