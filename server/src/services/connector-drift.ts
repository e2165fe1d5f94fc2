/**
 * Connector drift (issue 12 §2): the recorder the connector clients report drifted answers
 * to (live steps and credential tests; simulations answer with examples and report none),
 * and the reading and acknowledging behind the routes. Recording is fire-and-forget: a
 * step never waits for it, a failed write is a logged warning, and a flood of answers is
 * bounded by the writes in flight (the excess is dropped, counted and logged).
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
  /** Resolves when the writes in flight have settled (tests, shutdown). */
  settled(): Promise<void>;
  /** Events dropped because too many writes were in flight. */
  readonly dropped: number;
}

export interface DriftRecorderOptions {
  /** Writes in flight at once; more events are dropped. @default 8 */
  maxInFlight?: number;
}

export function createDriftRecorder(ctx: AppContext, options: DriftRecorderOptions = {}): DriftRecorder {
  const max = options.maxInFlight ?? 8;
  const inFlight = new Set<Promise<void>>();
  let dropped = 0;
  return {
    record(event) {
      if (event.findings.length === 0) return;
      const { connectorId, version, action } = event;
      if (inFlight.size >= max) {
        dropped++;
        ctx.log.warn(
          { connectorId, version, action, dropped },
          'connector drift not recorded: too many writes in flight',
        );
        return;
      }
      const at = new Date(ctx.clock.now());
      const write = store
        .recordDrift(ctx.prisma, { connectorId, version, action, failed: event.failed, at }, event.findings)
        .catch((err: unknown) => ctx.log.warn({ err, connectorId, version, action }, 'connector drift not recorded'))
        .finally(() => inFlight.delete(write));
      inFlight.add(write);
    },
    async settled() {
      while (inFlight.size > 0) await Promise.all(inFlight);
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
