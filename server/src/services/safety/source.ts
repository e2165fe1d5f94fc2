import type { AppContext } from '../../context';
import { createSafetyLookupPort, type SafetyList, type SafetyPort } from '../../engine';
import { allSafetyEntries, type SafetyEntryRow } from '../../store/safety-entries';
import { allAssets, type AssetRow } from '../../store/assets';
import type { SafetySource } from '../contracts';

export interface SafetySourceOptions {
  /**
   * How stale the cached lists may get before a check reloads them. Changes made through
   * this process's service apply at once; this bounds how long a change made by another
   * server process takes to reach this one. @default 10000
   */
  maxAgeMs?: number;
}

/** A SafetySource that can be told its lists changed. */
export interface CachedSafetySource extends SafetySource {
  /** Marks the cache stale: the next check reloads before answering. */
  invalidate(): void;
}

function toList(rows: readonly SafetyEntryRow[], assets: readonly AssetRow[] = []): SafetyList {
  const list: SafetyList = {
    protected: [],
    autoOk: [],
    assets: assets.map((a) => ({
      kind: a.kind,
      value: a.value,
      criticality: a.criticality,
      tags: a.tags,
      ...(a.owner ? { owner: a.owner } : {}),
      ...(a.businessService ? { businessService: a.businessService } : {}),
    })),
  };
  for (const r of rows) {
    const entry = {
      kind: r.kind,
      value: r.value,
      criticality: r.criticality,
      reason: r.reason,
      ...(r.owner ? { owner: r.owner } : {}),
    };
    (r.list === 'protected' ? list.protected : list.autoOk).push(entry);
  }
  return list;
}

/**
 * Safety lists from the database for the engine. `port()` answers from a compiled copy:
 * loaded on first use, reloaded (awaited, so never answering from a known-stale list)
 * after `invalidate()` and whenever it is older than `maxAgeMs`. Concurrent checks share
 * one reload; a check after `invalidate()` never gets a load that began before it.
 */
export function createSafetySource(ctx: AppContext, options: SafetySourceOptions = {}): CachedSafetySource {
  const maxAgeMs = options.maxAgeMs ?? 10_000;
  let compiled: { port: SafetyPort; loadedAt: number } | undefined;
  let generation = 0;
  let loading: { generation: number; promise: Promise<SafetyPort> } | undefined;

  const list = async () => toList(await allSafetyEntries(ctx.prisma), await allAssets(ctx.prisma));

  function reload(): Promise<SafetyPort> {
    if (loading && loading.generation === generation) return loading.promise;
    const started = generation;
    const loadedAt = ctx.clock.now();
    const promise = list()
      .then((l) => {
        const port = createSafetyLookupPort(l);
        // A load that began before a change answers its own callers but is not kept.
        if (started === generation) compiled = { port, loadedAt };
        return port;
      })
      .finally(() => {
        if (loading?.promise === promise) loading = undefined;
      });
    loading = { generation: started, promise };
    return promise;
  }

  async function current(): Promise<SafetyPort> {
    if (compiled && ctx.clock.now() - compiled.loadedAt < maxAgeMs) return compiled.port;
    return reload();
  }

  const port: SafetyPort = {
    check: async (target) => (await current()).check(target),
    // The compiled port always answers lookups (createSafetyLookupPort); the check keeps the type honest.
    lookup: async (target) => {
      const p = await current();
      if (!p.lookup) throw new Error('the compiled safety port answers no lookups');
      return p.lookup(target);
    },
  };
  return {
    port: () => port,
    list,
    invalidate() {
      generation += 1;
      compiled = undefined;
    },
  };
}
