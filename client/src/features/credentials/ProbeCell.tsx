import type { CredentialHealthItem } from '@autonomic/api';
import { ProbeHistory } from './ProbeHistory';
import { PROBE_STATE_LABEL, probeBadgeClass, probeOutcome } from './probeState';

const when = (iso: string) => new Date(iso).toLocaleString();

/**
 * A credential's health probe: its state as a badge, the latest probe (when, HTTP status,
 * message) and when the next is due; for admins and reviewers, its probe history.
 * `health` undefined: the probe states are not loaded (yet, or they failed).
 */
export function ProbeCell({
  name,
  health,
  showHistory,
}: {
  name: string;
  health: CredentialHealthItem | undefined;
  showHistory: boolean;
}) {
  const last = health?.lastProbe;
  return (
    <td data-testid={`probe-${name}`}>
      {health ? (
        <span className={probeBadgeClass(health.state)}>{PROBE_STATE_LABEL[health.state]}</span>
      ) : (
        <span className="muted">unknown</span>
      )}
      {last && (
        <div className="cred-probe-last">
          Last probe {when(last.at)}: {probeOutcome(last)}
        </div>
      )}
      {health?.nextProbeAt && <div className="muted">Next probe {when(health.nextProbeAt)}</div>}
      {showHistory && <ProbeHistory name={name} />}
    </td>
  );
}
