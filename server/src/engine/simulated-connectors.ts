import type { ConnectorDefinition } from '@autonomic/workflow';
import type { EffectRequest, EffectResult, EffectsPort } from './ports';

/** What a simulation knows about connectors: the installed definitions and the credentials' modes. */
export interface SimulatedConnectors {
  /** The pinned definition; its action's `example` answers when nothing else does. */
  definition(id: string, version: string): ConnectorDefinition | undefined;
  /** A credential's mode; undefined when there is no such credential. */
  credentialMode(name: string): Promise<'live' | 'test' | undefined>;
}

/** Something a simulation did differently from a live run, for the report. */
export interface SimulationNote {
  stepKey: string;
  message: string;
}

/**
 * A connector step without a fixture, in a simulation: a read goes out for real only when
 * live reads are on and its credential is a `test` one (a live credential is never used
 * by a simulation: its read answers from the example, and a note says so). Anything else
 * answers with the pinned action's `example`; a write or destructive call is never sent.
 */
export async function simulateConnector(
  req: EffectRequest,
  connectors: SimulatedConnectors | undefined,
  liveReads: EffectsPort | undefined,
  note: (n: SimulationNote) => void,
): Promise<EffectResult> {
  const { connector: id, version, action, credential } = pinOf(req.params);
  const name = `${id} ${version} ${action}`;
  if (liveReads && req.effect === 'read') {
    const mode = await connectors?.credentialMode(credential);
    if (mode === 'test') return liveReads.perform(req);
    const why = mode === 'live' ? 'is a live credential' : 'was not found';
    note({
      stepKey: req.stepKey,
      message: `credential '${credential}' ${why}: ${name} answered with its example, nothing was sent`,
    });
  }
  const def = connectors?.definition(id, version);
  const found = def?.actions[action];
  if (!found) {
    note({ stepKey: req.stepKey, message: `${name} is not installed: answered null` });
    return { ok: true, output: null };
  }
  return { ok: true, output: found.example };
}

/** The pinned connector, action and credential of a connector step's params. */
export function pinOf(p: Record<string, unknown>): {
  connector: string;
  version: string;
  action: string;
  credential: string;
} {
  const str = (v: unknown) => (typeof v === 'string' ? v : '?');
  return { connector: str(p.connector), version: str(p.version), action: str(p.action), credential: str(p.credential) };
}
