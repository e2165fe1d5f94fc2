import type { StepSource } from '@autonomic/api';
import './simulation.css';

const LABEL: Record<StepSource, string> = {
  fixture: 'fixture',
  example: 'example',
  live_read: 'live read',
  default: 'no fixture',
};

const TITLE: Record<StepSource, string> = {
  fixture: 'answered from the fixture',
  example: "answered with the connector action's example output",
  live_read: 'a read sent with a test credential',
  default: 'no fixture and no example: the answer was made up',
};

/** The distinct sources of a step's attempts, in the order they first answered. */
export function sourcesOf(attempts: readonly { source?: StepSource | undefined }[]): StepSource[] {
  return [...new Set(attempts.flatMap((a) => (a.source ? [a.source] : [])))];
}

/** Where a simulated step's answer came from; nothing for a step that performed nothing. */
export function SourceBadge({ source }: { source: StepSource | undefined }) {
  if (!source) return null;
  return (
    <span className={`badge source-${source}`} title={TITLE[source]} data-testid="source-badge">
      {LABEL[source]}
    </span>
  );
}
