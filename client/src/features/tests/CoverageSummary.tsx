import type { CoverageView } from '@autonomic/api';

const cases = (names: readonly string[]) => `${names.length} case${names.length === 1 ? '' : 's'}`;

/** "Coverage 83 % of edges (10/12)". */
export function coverageFigure(c: Pick<CoverageView, 'percent' | 'covered' | 'total'>): string {
  return `Coverage ${c.percent} % of edges (${c.covered}/${c.total})`;
}

/** A step id: a button that selects the node when the page can, else the id as code. */
function StepRef(props: { id: string; text: string; label: string; onSelect?: ((id: string) => void) | undefined }) {
  const { id, text, label, onSelect } = props;
  const named = label && label !== id ? <span className="muted"> ({label})</span> : null;
  if (!onSelect)
    return (
      <>
        <code>{text}</code>
        {named}
      </>
    );
  return (
    <>
      <button type="button" className="linklike" onClick={() => onSelect(id)} title={`Select ${id} on the canvas`}>
        {text}
      </button>
      {named}
    </>
  );
}

/**
 * What a version's cases exercised: the edge figure, every destructive step (reached by
 * which cases, refused on a protected target by which) and every wired error port
 * (followed by which), each not covered said in words.
 */
export function CoverageSummary({
  coverage,
  onSelectNode,
}: {
  coverage: CoverageView;
  onSelectNode?: (id: string) => void;
}) {
  return (
    <div className="coverage" data-testid="coverage">
      <p>
        <strong data-testid="coverage-figure">{coverageFigure(coverage)}</strong>
      </p>
      {coverage.destructive.length > 0 && (
        <>
          <h4>Destructive steps</h4>
          <ul aria-label="Destructive steps">
            {coverage.destructive.map((d) => (
              <li key={d.stepId} data-testid={`coverage-destructive-${d.stepId}`}>
                <StepRef id={d.stepId} text={d.stepId} label={d.label} onSelect={onSelectNode} /> —{' '}
                {d.reachedBy.length === 0 ? (
                  <span className="badge badge-failed">not reached</span>
                ) : (
                  <span title={d.reachedBy.join(', ')}>reached by {cases(d.reachedBy)}</span>
                )}
                {d.reachedBy.length > 0 &&
                  (d.refusedBy.length > 0 ? (
                    <span title={d.refusedBy.join(', ')}>, refused by {cases(d.refusedBy)}</span>
                  ) : (
                    <span className="muted">, never refused on a protected target</span>
                  ))}
              </li>
            ))}
          </ul>
        </>
      )}
      {coverage.errorPorts.length > 0 && (
        <>
          <h4>Error ports</h4>
          <ul aria-label="Error ports">
            {coverage.errorPorts.map((p) => (
              <li key={p.stepId} data-testid={`coverage-error-${p.stepId}`}>
                <StepRef id={p.stepId} text={`${p.stepId}.error`} label={p.label} onSelect={onSelectNode} /> —{' '}
                {p.cases.length === 0 ? (
                  <span className="badge badge-failed">not covered</span>
                ) : (
                  <span>covered by {p.cases.join(', ')}</span>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
