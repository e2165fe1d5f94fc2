import type { ReplayItemView } from '@autonomic/api';
import { formatDate } from '../versions/format';
import { EffectList } from './EffectList';
import { pathDiff, sideText } from './pathDiff';

interface Props {
  item: ReplayItemView;
  /** This row's candidate trace is the one on the canvas. */
  shown: boolean;
  /** Shows (or hides) the candidate's simulated trace; absent where there is no canvas. */
  onShow?: (item: ReplayItemView) => void;
}

const OUTCOME_WORDS: Record<ReplayItemView['outcome'], string> = {
  same: 'same',
  different: 'different',
  error: 'could not simulate',
};

/** Where the candidate's path leaves the live one, each side after the shared steps. */
function PathCell({ item }: { item: ReplayItemView }) {
  if (!item.candidate) return <span className="muted">—</span>;
  if (!item.pathChanged) return <span className="muted">same path</span>;
  const d = pathDiff(item.live.path, item.candidate.path);
  return (
    <span className="replay-path">
      {d.shared.length > 0 && <span className="muted">both: {d.shared.join(' → ')}, then</span>}
      <span data-testid="path-live">live: {sideText(d.shared, d.live)}</span>{' '}
      <span data-testid="path-candidate">candidate: {sideText(d.shared, d.candidate)}</span>
    </span>
  );
}

/** One real event: the live run against the candidate's simulation of it. */
export function ReplayRow({ item, shown, onShow }: Props) {
  return (
    <tr data-testid="replay-row" data-outcome={item.outcome} data-live-run={item.liveRunId}>
      <td>{formatDate(item.eventAt)}</td>
      <td>
        <span className={`badge outcome-${item.outcome}`} data-testid="replay-outcome">
          {OUTCOME_WORDS[item.outcome]}
        </span>
        {item.message && <div className="muted">{item.message}</div>}
      </td>
      <td className={item.statusChanged ? 'replay-changed' : undefined}>
        {item.live.status} → {item.candidate?.status ?? '—'}
      </td>
      <td>
        <PathCell item={item} />
      </td>
      <td>
        <EffectList effects={item.effects} />
      </td>
      <td>
        {item.simulationRunId && onShow && (
          <button type="button" className="linklike" onClick={() => onShow(item)} aria-pressed={shown}>
            {shown ? 'Hide from canvas' : 'Show on canvas'}
          </button>
        )}
      </td>
    </tr>
  );
}
