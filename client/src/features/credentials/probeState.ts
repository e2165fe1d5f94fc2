/** How a credential's probe state reads and looks, wherever it is shown (credentials page, dashboard). */
import type { CredentialProbeState } from '@autonomic/api';

export const PROBE_STATE_LABEL: Record<CredentialProbeState, string> = {
  ok: 'ok',
  failing: 'failing',
  never_probed: 'never probed',
  not_probeable: 'no health action',
  test: 'test credential (not probed)',
};

/** The badge classes of a state: green when the vendor answered, red when it refused, plain otherwise. */
export const probeBadgeClass = (state: CredentialProbeState) =>
  state === 'failing' ? 'badge badge-failed' : state === 'ok' ? 'badge badge-succeeded' : 'badge';

/** A probe's outcome in words: `HTTP 401, Authentication failed`, or the message alone when the vendor did not answer. */
export const probeOutcome = (p: { status: number | null; message: string }) =>
  `${p.status === null ? '' : `HTTP ${p.status}, `}${p.message}`;
