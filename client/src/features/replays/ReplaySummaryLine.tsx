import type { ReplaySummary } from '@autonomic/api';

/**
 * "50 events: 38 same, 12 different — path changed 4, status changed 2, effects +3 −1 ~2,
 * errors 0"; the counts are also on data attributes for end-to-end checks.
 */
export function ReplaySummaryLine({ summary: s }: { summary: ReplaySummary }) {
  return (
    <p
      className="replay-summary"
      data-testid="replay-summary"
      data-events={s.events}
      data-same={s.same}
      data-different={s.different}
      data-errors={s.errors}
    >
      <strong>
        {s.events} {s.events === 1 ? 'event' : 'events'}
      </strong>
      : {s.same} same,{' '}
      <strong className={s.different > 0 ? 'replay-different' : undefined}>{s.different} different</strong> — path
      changed {s.pathChanged}, status changed {s.statusChanged}, effects{' '}
      <span className="effect-added">+{s.effectsAdded}</span>{' '}
      <span className="effect-removed">−{s.effectsRemoved}</span>{' '}
      <span className="effect-changed">~{s.effectsChanged}</span>, errors {s.errors}
    </p>
  );
}
