/**
 * Connector drift (issue 12 §2): the recorder the connector clients report drifted answers
 * to (live steps and credential tests; simulations answer with examples and report none),
 * and the reading and acknowledging behind the routes. Recording is fire-and-forget: a
 * step never waits for it, a failed write is a logged warning, one write is in flight at a
 * time, and what waits for it is coalesced and bounded (the excess is dropped and logged).
 */
import type { Actor, ConnectorDrift, ConnectorDriftQuery } from '@autonomic/api';
import type { z } from 'zod';
import type { AppContext } from '../context';
import type { DriftEvent } from '../connectors/drift';
import { NotFoundError } from '../errors';
import * as store from '../store/connector-drift';
import { transaction } from '../store/db';
import { recordAudit } from './audit';

type View = z.input<typeof ConnectorDrift>;

export interface DriftRecorder {
  /** Give it to the connector client (`drift`): returns at once. */
  record(event: DriftEvent): void;
  /** Resolves when what was recorded so far is written (or failed and logged): tests, shutdown. */
  settled(): Promise<void>;
  /** Sightings dropped because `maxPending` distinct drifts were already waiting. */
  readonly dropped: number;
}

export interface DriftRecorderOptions {
  /** Distinct drifts (connector, version, action, path, kind) waiting for the next write; more are dropped. @default 1000 */
  maxPending?: number;
}

/**
 * One write in flight at a time; what answers show meanwhile waits, coalesced per drift
 * (counted, the latest sample kept), and goes in the next write: a burst of answers costs
 * a few statements, not one each, and the counts stay exact up to `maxPending` drifts.
 */
export function createDriftRecorder(ctx: AppContext, options: DriftRecorderOptions = {}): DriftRecorder {
  const maxPending = options.maxPending ?? 1000;
  const pending = new Map<string, store.DriftDelta>();
  let writing: Promise<void> | undefined;
  let dropped = 0;
  let warned = false;

  const write = () => {
    if (writing || pending.size === 0) return;
    const batch = [...pending.values()];
    pending.clear();
    warned = false;
    writing = store
      .recordDriftDeltas(ctx.prisma, batch)
      .catch((err: unknown) => ctx.log.warn({ err, drifts: batch.length }, 'connector drift not recorded'))
      .finally(() => {
        writing = undefined;
        write();
      });
  };

  return {
    record(event) {
      const { connectorId, version, action, failed } = event;
      const at = new Date(ctx.clock.now());
      for (const f of event.findings) {
        // NUL cannot occur in the ids, version or action; the path is last, so it may hold anything.
        const key = `${connectorId}\0${version}\0${action}\0${f.kind}\0${f.path}`;
        const seen = pending.get(key);
        if (seen) {
          Object.assign(seen, f, { failing: failed, at, times: (seen.times ?? 1) + 1 });
        } else if (pending.size < maxPending) {
          pending.set(key, { ...f, connectorId, version, action, failing: failed, at, times: 1 });
        } else {
          dropped++;
          if (!warned)
            ctx.log.warn({ connectorId, version, action, maxPending }, 'connector drift dropped: too many waiting');
          warned = true;
        }
      }
      write();
    },
    async settled() {
      while (writing) await writing;
    },
    get dropped() {
      return dropped;
    },
  };
}

export interface DriftService {
  list(query: z.output<typeof ConnectorDriftQuery>): Promise<View[]>;
  /** 404 for an unknown id; audited. Acknowledging an acknowledged row moves its time and person. */
  acknowledge(id: string, actor: Actor): Promise<View>;
}

const TARGET = 'connector_drift';

export function createDriftService(ctx: AppContext): DriftService {
  return {
    list: (q) => store.listDrift(ctx.prisma, { connectorId: q.connector, open: q.open === 'true', limit: q.limit }),
    acknowledge: (id, actor) =>
      transaction(ctx.prisma, async (tx) => {
        const row = await store.acknowledgeDrift(tx, id, { userId: actor.userId, at: new Date(ctx.clock.now()) });
        if (!row) throw new NotFoundError(`connector drift ${id}`);
        const { connectorId, version, action, path, kind, count } = row;
        await recordAudit(tx, {
          actor,
          action: 'connector_drift.acknowledged',
          targetType: TARGET,
          targetId: id,
          details: { connectorId, version, action, path, kind, count },
        });
        return row;
      }),
  };
}
