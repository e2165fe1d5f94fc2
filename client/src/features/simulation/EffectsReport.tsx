import type { EffectReportEntry } from '@autonomic/api';
import { SourceBadge } from './SourceBadge';
import './simulation.css';

const DECISION_LABEL: Record<EffectReportEntry['decision'], string> = {
  'would-run': 'would run',
  refused: 'refused',
  'auto-ok': 'auto-ok',
};

/** The sentence a reviewer reads: "block IP 203.0.113.7 — refused: …, criticality high". */
export function effectSentence(e: EffectReportEntry): string {
  const why = [e.reason, e.criticality ? `criticality ${e.criticality}` : undefined].filter(Boolean).join(', ');
  return `${e.action} — ${DECISION_LABEL[e.decision]}${why ? `: ${why}` : ''}`;
}

/**
 * What a simulated run would have done to the world: every write and destructive step
 * that reached its effect, and whether the safety list would let it through.
 */
export function EffectsReport({ effects, caption }: { effects: readonly EffectReportEntry[]; caption?: string }) {
  if (effects.length === 0) {
    return (
      <p className="muted" data-testid="effects-report">
        No write or destructive action would run.
      </p>
    );
  }
  return (
    <table className="table effects" data-testid="effects-report">
      <caption>{caption ?? 'Effects: what this run would do'}</caption>
      <thead>
        <tr>
          <th scope="col">Action</th>
          <th scope="col">Target</th>
          <th scope="col">Effect class</th>
          <th scope="col">Decision</th>
          <th scope="col">Reason</th>
        </tr>
      </thead>
      <tbody>
        {effects.map((e) => (
          <tr
            key={e.stepKey}
            data-testid={`effect-${e.stepKey}`}
            className={`effect-${e.decision}`}
            title={effectSentence(e)}
          >
            <td>
              {e.action}
              <div className="muted">{e.stepKey}</div>
              <SourceBadge source={e.source} />
            </td>
            <td>{e.target ? `${e.target.kind} ${e.target.value}` : '—'}</td>
            <td>
              <span className={`badge effect-class-${e.effect}`}>{e.effect}</span>
            </td>
            <td>
              <span className={`badge decision-${e.decision}`}>{DECISION_LABEL[e.decision]}</span>
            </td>
            <td>
              {e.reason ?? '—'}
              {e.criticality && (
                <div>
                  <span className={`badge criticality-${e.criticality}`}>criticality {e.criticality}</span>
                </div>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
