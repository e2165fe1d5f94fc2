import type { BehaviourEffect, ReplayItemView } from '@autonomic/api';

/** "block IP 203.0.113.7 for 24h" with its step, class and safety decision. */
function EffectText({ effect }: { effect: BehaviourEffect }) {
  const t = effect.target;
  return (
    <>
      {effect.action}
      {t && !effect.action.includes(t.value) ? ` on ${t.kind} ${t.value}` : ''}{' '}
      <span className="muted">
        ({effect.stepId}, {effect.effect}, {effect.decision})
      </span>
    </>
  );
}

/** The decision or the words that moved between two versions of one effect, "before → after". */
function ChangedText({ before, after }: { before: BehaviourEffect; after: BehaviourEffect }) {
  return (
    <>
      {before.action}
      {before.decision !== after.decision ? ` (${before.decision})` : ''} → {after.action}{' '}
      <span className="muted">
        ({after.stepId}, {after.effect}, {after.decision})
      </span>
    </>
  );
}

/**
 * The effects the candidate adds (green +), removes (red −) and changes (~ before → after)
 * against the live run; the sign is written out, so colour is never the only cue.
 */
export function EffectList({ effects }: { effects: ReplayItemView['effects'] }) {
  const { added, removed, changed } = effects;
  if (added.length + removed.length + changed.length === 0) return <span className="muted">same effects</span>;
  return (
    <ul className="replay-effects">
      {added.map((e, i) => (
        <li key={`a${i}`} className="effect-added" data-testid="effect-added">
          <span aria-label="added">+</span> <EffectText effect={e} />
        </li>
      ))}
      {removed.map((e, i) => (
        <li key={`r${i}`} className="effect-removed" data-testid="effect-removed">
          <span aria-label="removed">−</span> <EffectText effect={e} />
        </li>
      ))}
      {changed.map((c, i) => (
        <li key={`c${i}`} className="effect-changed" data-testid="effect-changed">
          <span aria-label="changed">~</span> <ChangedText before={c.before} after={c.after} />
        </li>
      ))}
    </ul>
  );
}
