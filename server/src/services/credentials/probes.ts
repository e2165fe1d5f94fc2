/**
 * Credential health probes: every live credential whose connector has a health action is
 * probed at the connector's `healthAction.every` through the same connection test an
 * admin's "test connection" runs (outbound guard, auth, retries). Each result is kept (the
 * last 50 per credential) and the latest is the credential's state. `test` credentials
 * carry values that are not real: they are never probed against the vendor.
 */
import { durationMs, type ConnectorDefinition } from '@autonomic/workflow';
import type { Actor, ConnectionTest, ConnectorHealth, CredentialProbeState } from '@autonomic/api';
import type { z } from 'zod';
import type { AppContext } from '../../context';
import type { ConnectorClient } from '../../connectors/client';
import {
  claimDueProbes,
  credentialHealth,
  forgetLatestProbe,
  probeHistory,
  recordProbe,
  syncSchedules,
  type CredentialHealthRow,
  type ProbeSource,
} from '../../store/credential-probes';
import { NotFoundError } from '../../errors';
import { driftCounts } from '../../store/connector-drift';
import { recordCredentialTest } from '../../store/credentials';
import { testConnection } from './connection-test';
import type { CredentialsService } from './index';
import { failingCredentials, workflowsUsingFailing, type FailingCredential } from './probe-usage';

/** The connector's interval when its health action does not say. */
const DEFAULT_EVERY = '15m';
/** Bounds on a connector's interval: no vendor is asked more than once a minute, none waits more than a week. */
export const MIN_PROBE_EVERY_MS = 60_000;
export const MAX_PROBE_EVERY_MS = 7 * 86_400_000;
/** Stored and shown: enough to say why, not a vendor's whole answer. */
const MAX_PROBE_MESSAGE = 200;
/** Probes a pass runs at once (each may wait on a slow vendor). */
const CONCURRENCY = 4;

/** Drift events per connector (`driftCounts` of store/connector-drift.ts). */
export type DriftCounts = Map<string, { events: number; open: number; breaking: number; lastSeenAt: Date }>;

export interface ProbeServiceDeps {
  credentials: Pick<CredentialsService, 'reveal' | 'test'>;
  /** The guarded connector client (the one "test connection" uses). */
  client: ConnectorClient;
  /** The installed definition of a connector, the newest version. */
  connector: (id: string) => ConnectorDefinition | undefined;
  /** Drift events per connector, for the health view. @default `driftCounts` of the database */
  drift?: () => Promise<DriftCounts>;
}

/** How often a connector's credentials are probed, ms; undefined when it has no health action. */
export function probeEveryMs(definition: ConnectorDefinition | undefined): number | undefined {
  const health = definition?.healthAction;
  if (!health) return undefined;
  const ms = durationMs(health.every ?? DEFAULT_EVERY);
  return Math.min(MAX_PROBE_EVERY_MS, Math.max(MIN_PROBE_EVERY_MS, ms));
}

/** A credential's state from its latest probe (see `CredentialProbeState`). */
export function probeStateOf(row: CredentialHealthRow, definition: ConnectorDefinition | undefined) {
  const state: CredentialProbeState =
    row.mode === 'test'
      ? 'test'
      : !definition?.healthAction
        ? 'not_probeable'
        : !row.last
          ? 'never_probed'
          : row.last.ok
            ? 'ok'
            : 'failing';
  return state;
}

type Health = z.input<typeof ConnectorHealth>;
type Test = z.input<typeof ConnectionTest>;

export function createProbeService(ctx: AppContext, deps: ProbeServiceDeps) {
  const { credentials, client, connector } = deps;
  const drift = deps.drift ?? (() => driftCounts(ctx.prisma));
  const log = ctx.log.child({ module: 'credential-probes' });
  const everyOf = (connectorId: string) => probeEveryMs(connector(connectorId));

  /** Schedules live, probeable credentials; unschedules the others. */
  async function sync(): Promise<CredentialHealthRow[]> {
    const rows = await credentialHealth(ctx.prisma);
    const wishes = rows.map((r) => ({
      credentialId: r.credentialId,
      everyMs: r.mode === 'live' ? (everyOf(r.connectorId) ?? null) : null,
    }));
    await syncSchedules(ctx.prisma, wishes, new Date(ctx.clock.now()));
    return rows;
  }

  /** Stores an outcome as the credential's latest probe (and its last test, as the credentials page shows it). */
  async function record(
    row: Pick<CredentialHealthRow, 'credentialId' | 'name' | 'connectorId'>,
    test: Test,
    source: ProbeSource,
  ) {
    const at = new Date(test.testedAt);
    const message = test.message.slice(0, MAX_PROBE_MESSAGE);
    const probe = { at, ok: test.ok, status: test.status ?? null, message, ms: test.ms, source };
    await recordProbe(ctx.prisma, row.credentialId, probe, everyOf(row.connectorId) ?? MIN_PROBE_EVERY_MS);
    if (source === 'schedule') await recordCredentialTest(ctx.prisma, row.name, { at, ok: test.ok, message });
  }

  /** One scheduled probe; false when there was nothing to probe with (the credential went, or became test). */
  async function probe(row: CredentialHealthRow): Promise<boolean> {
    const definition = connector(row.connectorId);
    const revealed = await credentials.reveal(row.name);
    if (!definition || !revealed || revealed.mode !== 'live') return false;
    const outcome = await testConnection(client, definition, {
      value: revealed.value,
      settings: revealed.settings,
      baseUrl: revealed.baseUrl ?? null,
    });
    if (!outcome) return false;
    await record(row, { ...outcome, testedAt: new Date(ctx.clock.now()) }, 'schedule');
    if (!outcome.ok) log.warn({ credential: row.name, status: outcome.status }, 'a credential failed its health probe');
    return true;
  }

  /** Records a test run elsewhere (a manual test, a rotation's test of the new value) as a manual probe. */
  async function recordTest(name: string, test: Test): Promise<void> {
    const [row] = await credentialHealth(ctx.prisma, [name]);
    if (row) await record(row, test, 'manual');
  }

  return {
    sync,
    recordTest,

    /** The credential's settings or base URL changed: its latest probe says nothing now; probe it again soon. */
    async forget(name: string): Promise<void> {
      const [row] = await credentialHealth(ctx.prisma, [name]);
      if (row) await forgetLatestProbe(ctx.prisma, row.credentialId, new Date(ctx.clock.now()));
    },

    /**
     * Syncs the schedule, claims the probes due now (another process's claims excluded) and
     * runs them, a few at a time. @returns the names probed
     */
    async probeDue(limit = 100): Promise<string[]> {
      const rows = await sync();
      const claimed = new Set(await claimDueProbes(ctx.prisma, new Date(ctx.clock.now()), limit));
      const queue = rows.filter((r) => claimed.has(r.credentialId));
      const probed: string[] = [];
      const worker = async () => {
        for (let row = queue.shift(); row; row = queue.shift()) {
          try {
            if (await probe(row)) probed.push(row.name);
          } catch (err) {
            log.error({ credential: row.name, err }, 'a credential health probe could not run');
          }
        }
      };
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));
      return probed.sort();
    },

    /** A credential's recent probes, newest first (404 for an unknown credential). */
    async history(name: string, limit: number) {
      const [row] = await credentialHealth(ctx.prisma, [name]);
      if (!row) throw new NotFoundError(`credential "${name}"`);
      return probeHistory(ctx.prisma, row.credentialId, limit);
    },

    /** "Probe now": the admin's test connection (audited as ever), recorded as a probe. */
    async probeNow(name: string, actor: Actor): Promise<Test> {
      const test = await credentials.test(name, actor);
      await recordTest(name, test);
      return test;
    },

    /** The failing credentials each of these workflows uses, by workflow id (none: not in the map). */
    async workflowMarks(workflowIds: readonly string[]): Promise<Map<string, FailingCredential[]>> {
      const failing = await failingCredentials(ctx.prisma);
      const marked = await workflowsUsingFailing(ctx.prisma, failing, workflowIds);
      return new Map([...marked.values()].map((m) => [m.id, m.failing]));
    },

    /** Per connector with credentials: its status, each credential's latest probe, drift and affected workflows. */
    async health(): Promise<Health[]> {
      const [rows, drifts] = await Promise.all([credentialHealth(ctx.prisma), drift()]);
      const failing = await failingCredentials(ctx.prisma);
      const marked = await workflowsUsingFailing(ctx.prisma, failing);
      const byConnector = new Map<string, CredentialHealthRow[]>();
      for (const r of rows) byConnector.set(r.connectorId, [...(byConnector.get(r.connectorId) ?? []), r]);
      return [...byConnector.entries()]
        .map(([connectorId, creds]): Health => {
          const definition = connector(connectorId);
          const items = creds.map((r) => ({
            name: r.name,
            mode: r.mode,
            state: probeStateOf(r, definition),
            lastProbe: r.last ? { at: r.last.at, ok: r.last.ok, status: r.last.status, message: r.last.message } : null,
            nextProbeAt: r.nextProbeAt,
          }));
          const d = drifts.get(connectorId);
          const names = new Set(items.filter((i) => i.state === 'failing').map((i) => i.name));
          const affectedWorkflows = [...marked.values()]
            .map((m) => ({
              id: m.id,
              name: m.name,
              credentials: m.failing.map((f) => f.name).filter((n) => names.has(n)),
            }))
            .filter((w) => w.credentials.length > 0)
            .sort((a, b) => a.name.localeCompare(b.name));
          return {
            connectorId,
            name: definition?.name ?? connectorId,
            status: connectorStatus(
              items.map((i) => i.state),
              d?.breaking ?? 0,
            ),
            credentials: items,
            drift: {
              events: d?.events ?? 0,
              open: d?.open ?? 0,
              breaking: d?.breaking ?? 0,
              lastSeenAt: d?.lastSeenAt ?? null,
            },
            affectedWorkflows,
          };
        })
        .sort((a, b) => a.name.localeCompare(b.name));
    },
  };
}

/**
 * `failing`: every probed live credential fails; `degraded`: some do, or open drift breaks
 * what playbooks read (a type change, a required field gone); `unknown`: none probed.
 */
export function connectorStatus(states: readonly CredentialProbeState[], breakingDrift: number) {
  const probed = states.filter((s) => s === 'ok' || s === 'failing');
  const failing = probed.filter((s) => s === 'failing').length;
  if (probed.length === 0) return 'unknown' as const;
  if (failing === probed.length) return 'failing' as const;
  if (failing > 0 || breakingDrift > 0) return 'degraded' as const;
  return 'ok' as const;
}

export type ProbeService = ReturnType<typeof createProbeService>;
