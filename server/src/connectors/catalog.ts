/**
 * The connector definitions this server can run, by id and pinned version. A workflow
 * pins a version; `latest` is what the editor offers for a new step.
 */
import type { ConnectorDefinition } from '@autonomic/workflow';
import type { ConnectorCatalog } from '../services/contracts';
import { CONNECTORS } from './registry';

/** The catalog over these definitions (the shipped ones by default). */
export function createConnectorCatalog(defs: readonly ConnectorDefinition[] = CONNECTORS): ConnectorCatalog {
  const byKey = new Map(defs.map((d) => [`${d.id}@${d.version}`, d]));
  const newest = new Map<string, ConnectorDefinition>();
  for (const d of defs) {
    const seen = newest.get(d.id);
    if (!seen || compareSemVer(d.version, seen.version) > 0) newest.set(d.id, d);
  }
  return {
    get: (id, version) => byKey.get(`${id}@${version}`),
    latest: (id) => newest.get(id),
    all: () => defs,
  };
}

/** A stored custom connector version, as the store's loader hands it over (already parsed). */
export interface StoredConnector {
  definition: ConnectorDefinition;
  status: 'installed' | 'pending_review' | 'rejected';
}

/** The catalog the server runs with: the built-ins, and the custom versions of the store. */
export interface LiveConnectorCatalog extends ConnectorCatalog {
  /** Reloads the custom versions when invalidated or older than `maxAgeMs`; else at once. */
  refresh(): Promise<void>;
  /** Marks the custom versions stale: the next `refresh` reloads (and a read starts it). */
  invalidate(): void;
  reviewStatus(id: string, version: string): 'pending_review' | 'rejected' | undefined;
}

export interface LiveConnectorCatalogOptions {
  /** Every stored custom version (the store, through the custom connectors service). */
  load: () => Promise<readonly StoredConnector[]>;
  /** Milliseconds, for the age of the loaded copy (`ctx.clock.now`). */
  now: () => number;
  /** A reload that failed while an older copy serves on (a first load that fails throws instead). */
  onError: (error: unknown) => void;
  /** @default the shipped connectors */
  builtins?: readonly ConnectorDefinition[];
  /**
   * How stale the custom versions may get before `refresh` reloads them: changes made in
   * this process are seen at once (the service invalidates and refreshes before it
   * answers); this bounds how long another server process's change takes to arrive.
   * @default 10000
   */
  maxAgeMs?: number;
}

/**
 * Built-ins (code) plus custom versions (the store) behind the synchronous seam.
 *
 * Why a cache invalidated on change rather than an async catalog: the seam is read on hot,
 * synchronous paths — `connectorProblems` in workflow/ (shared with the editor, pure and
 * sync), the simulation engine's definition port, the credentials' lookups — and custom
 * definitions change rarely, by an admin. Making `get` async would ripple through all of
 * them for data that fits in memory. So reads answer from a loaded copy; the custom
 * connectors service invalidates and awaits `refresh` after each change (so the change is
 * visible before its request answers), async callers (checks, the live effect) await
 * `refresh` before reading (one query per `maxAgeMs` at most, bounding staleness across
 * processes), and a read of a stale copy starts a reload in the background.
 * Built-ins win over a stored version with the same id (a connector shipped later).
 */
export function createLiveConnectorCatalog(options: LiveConnectorCatalogOptions): LiveConnectorCatalog {
  const builtins = options.builtins ?? CONNECTORS;
  const builtinIds = new Set(builtins.map((d) => d.id));
  const maxAgeMs = options.maxAgeMs ?? 10_000;
  let copy = { catalog: createConnectorCatalog(builtins), held: new Map<string, StoredConnector['status']>() };
  let loadedAt: number | undefined;
  let everLoaded = false;
  let generation = 0;
  let loading: { generation: number; promise: Promise<void> } | undefined;

  function adopt(stored: readonly StoredConnector[]): void {
    const custom = stored.filter((s) => !builtinIds.has(s.definition.id));
    const installed = custom.filter((s) => s.status === 'installed').map((s) => s.definition);
    const held = new Map(custom.map((s) => [`${s.definition.id}@${s.definition.version}`, s.status]));
    copy = { catalog: createConnectorCatalog([...builtins, ...installed]), held };
  }

  function reload(): Promise<void> {
    if (loading && loading.generation === generation) return loading.promise;
    const started = generation;
    const at = options.now();
    const promise = options
      .load()
      .then((stored) => {
        // A load that began before a change is not kept: it may miss that change.
        if (started !== generation) return;
        adopt(stored);
        loadedAt = at;
        everLoaded = true;
      })
      .finally(() => {
        if (loading?.promise === promise) loading = undefined;
      });
    loading = { generation: started, promise };
    return promise;
  }

  const stale = () => loadedAt === undefined || options.now() - loadedAt >= maxAgeMs;
  const current = () => {
    if (stale()) reload().catch(options.onError);
    return copy.catalog;
  };

  return {
    get: (id, version) => current().get(id, version),
    latest: (id) => current().latest(id),
    all: () => current().all(),
    reviewStatus(id, version) {
      const status = copy.held.get(`${id}@${version}`);
      return status === 'installed' ? undefined : status;
    },
    async refresh() {
      try {
        // A load overtaken by a later change is not kept: wait for the one after it.
        for (let tries = 0; tries < 3 && stale(); tries++) await reload();
      } catch (e) {
        if (!everLoaded) throw e;
        options.onError(e);
      }
    },
    invalidate() {
      generation += 1;
      loadedAt = undefined;
    },
  };
}

/** The installed versions of a connector, oldest first (for "installed: …" in problems). */
export function versionsOf(catalog: ConnectorCatalog, id: string): string[] {
  return catalog
    .all()
    .filter((d) => d.id === id)
    .map((d) => d.version)
    .sort(compareSemVer);
}

/**
 * SemVer 2.0.0 precedence: major, minor, patch numerically; a pre-release sorts before
 * its release, its identifiers compared numerically when both are numbers, else as
 * text, a shorter list first. Build metadata is ignored.
 */
export function compareSemVer(a: string, b: string): number {
  const [coreA = '', preA] = a.split('+')[0]?.split(/-(.*)/s) ?? [];
  const [coreB = '', preB] = b.split('+')[0]?.split(/-(.*)/s) ?? [];
  const na = coreA.split('.').map(Number);
  const nb = coreB.split('.').map(Number);
  for (let i = 0; i < 3; i++) {
    const d = (na[i] ?? 0) - (nb[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  if (preA === undefined || preB === undefined) return preA === preB ? 0 : preA === undefined ? 1 : -1;
  const ia = preA.split('.');
  const ib = preB.split('.');
  for (let i = 0; i < Math.min(ia.length, ib.length); i++) {
    const d = compareIdentifier(ia[i] ?? '', ib[i] ?? '');
    if (d !== 0) return d;
  }
  return Math.sign(ia.length - ib.length);
}

function compareIdentifier(a: string, b: string): number {
  const numeric = /^\d+$/;
  if (numeric.test(a) && numeric.test(b)) return Math.sign(Number(a) - Number(b));
  // A numeric identifier has lower precedence than an alphanumeric one.
  if (numeric.test(a) !== numeric.test(b)) return numeric.test(a) ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
