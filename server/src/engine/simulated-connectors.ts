import type { ConnectorDefinition } from '@autonomic/workflow';
import type { SimulationNote, StepSource } from '@autonomic/api';
import type { EffectRequest, EffectResult, EffectsPort } from './ports';

/** What a simulation knows about connectors: the installed definitions and the credentials' modes. */
export interface SimulatedConnectors {
  /** The pinned definition; its action's `example` answers when nothing else does. */
  definition(id: string, version: string): ConnectorDefinition | undefined;
  /**
   * A credential's mode; undefined when there is no such credential. Absent where no
   * credentials are known (the CLI): reads answer with their example, without a note.
   */
  credentialMode?(name: string): Promise<'live' | 'test' | undefined>;
}

/** Something a simulation did differently from a live run, for the report (the API's `SimulationNote`). */
export type { SimulationNote };

/**
 * A connector step without a fixture, in a simulation: a read goes out for real only when
 * live reads are on and its credential is a `test` one (a live credential is never used
 * by a simulation: its read answers from the example, and a note says so, live reads on
 * or off). Anything else answers with the pinned action's `example`; a write or
 * destructive call is never sent.
 */
export async function simulateConnector(
  req: EffectRequest,
  connectors: SimulatedConnectors | undefined,
  liveReads: EffectsPort | undefined,
  note: (n: SimulationNote) => void,
  source: (s: StepSource) => void = () => {},
): Promise<EffectResult> {
  const { connector: id, version, action, credential } = pinOf(req.params);
  const name = `${id} ${version} ${action}`;
  // A read with a live (or missing) credential is noted even when live reads are off: a
  // live run would have sent it, and the simulation's answer is only the example.
  if (req.effect === 'read' && connectors?.credentialMode) {
    const mode = await connectors.credentialMode(credential);
    if (mode === 'test' && liveReads) {
      source('live_read');
      return liveReads.perform(req);
    }
    if (mode === 'test') return answerOf(req, connectors, name, note, source);
    const why = mode === 'live' ? 'is a live credential' : 'was not found';
    note({
      stepKey: req.stepKey,
      message: `credential '${credential}' ${why}: ${name} answered with its example, nothing was sent`,
    });
  }
  return answerOf(req, connectors, name, note, source);
}

/** The pinned action's example, or null (noted) when that connector version is not installed. */
function answerOf(
  req: EffectRequest,
  connectors: SimulatedConnectors | undefined,
  name: string,
  note: (n: SimulationNote) => void,
  source: (s: StepSource) => void,
): EffectResult {
  const { connector: id, version, action } = pinOf(req.params);
  const found = connectors?.definition(id, version)?.actions[action];
  if (!found) {
    source('default');
    note({ stepKey: req.stepKey, message: `${name} is not installed: answered null` });
    return { ok: true, output: null };
  }
  source('example');
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
