import type { StreamState } from './useRunEvents';

const TEXT: Record<StreamState, string> = {
  connecting: 'connecting to live updates…',
  live: 'live',
  reconnecting: 'live updates interrupted, reconnecting…',
  unsupported: 'live updates unavailable in this browser',
};

/** Whether the page is receiving live run events. */
export function StreamIndicator({ state }: { state: StreamState }) {
  return (
    <span className={`stream stream-${state}`} role="status" data-testid="stream-state">
      <span className="stream-dot" aria-hidden="true" /> {TEXT[state]}
    </span>
  );
}
