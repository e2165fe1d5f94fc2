import type { PolicyStatus } from '@autonomic/api';

/** Where the review stands against the policy: approvals, test cases, what is missing. */
export function PolicyPanel({ policy, names }: { policy: PolicyStatus; names: (id: string) => string }) {
  return (
    <section className="panel policy" data-testid="review-policy" aria-labelledby="policy-title">
      <h2 id="policy-title">
        Policy {policy.satisfied ? <span className="badge badge-approved">satisfied</span> : null}
      </h2>
      <p>
        Approvals: {policy.approvedBy.length} of {policy.requiredApprovals}
        {policy.approvedBy.length > 0 && <span className="muted"> ({policy.approvedBy.map(names).join(', ')})</span>}
      </p>
      {policy.testsRequired && (
        <p>
          Every test case must pass, and every destructive step the change adds or changes must be reached by a case and
          refused on a protected target by another (high-risk change).
        </p>
      )}
      {policy.missing.length > 0 && (
        <>
          <h3>Still missing</h3>
          <ul>
            {policy.missing.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
