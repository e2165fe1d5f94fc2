/**
 * The server's catalog on its own: the built-ins plus a loaded copy of the stored custom
 * versions, on a fake store and a clock the test moves. A change is seen after an
 * invalidation at once, and another process's change within `maxAgeMs`; a failed reload
 * keeps the copy; a load overtaken by a change is not kept.
 */
import { ConnectorDefinition } from '@autonomic/workflow';
import { describe, expect, it } from 'vitest';
import { createLiveConnectorCatalog, type StoredConnector } from '../../src/connectors/catalog';
import { CONNECTORS } from '../../src/connectors/registry';
import { abuseipdb } from '../../connectors/abuseipdb/definition';
import { edr, intel } from './custom-support';

const installed = (version: string): StoredConnector => ({
  definition: ConnectorDefinition.parse(intel(version)),
  status: 'installed',
});
const pending: StoredConnector = { definition: ConnectorDefinition.parse(edr()), status: 'pending_review' };

/** A catalog over a store the test edits, a clock it moves, and the errors it was told. */
function fixture(maxAgeMs = 1_000) {
  const state = {
    rows: [] as StoredConnector[],
    now: 0,
    loads: 0,
    fail: false,
    errors: [] as unknown[],
    /** While set, each load waits for its own release, pushed here in the order the loads began. */
    holding: false,
    releases: [] as Array<() => void>,
  };
  const catalog = createLiveConnectorCatalog({
    load: async () => {
      state.loads += 1;
      const rows = [...state.rows];
      if (state.holding) await new Promise<void>((r) => state.releases.push(r));
      if (state.fail) throw new Error('database down');
      return rows;
    },
    now: () => state.now,
    onError: (e) => void state.errors.push(e),
    maxAgeMs,
  });
  return { state, catalog };
}

describe('the live connector catalog', () => {
  it('when loaded then built-ins and installed custom versions answer, a pending one does not but says why, and a stored built-in id is ignored', async () => {
    const { state, catalog } = fixture();
    const shadow: StoredConnector = { definition: { ...abuseipdb, version: '9.0.0' }, status: 'installed' };
    state.rows = [installed('1.0.0'), installed('1.1.0'), pending, shadow];

    await catalog.refresh();

    expect(catalog.get('acme-intel', '1.0.0')?.version).toBe('1.0.0');
    expect(catalog.latest('acme-intel')?.version).toBe('1.1.0');
    expect(catalog.get('acme-edr', '1.0.0')).toBeUndefined();
    expect(catalog.reviewStatus('acme-edr', '1.0.0')).toBe('pending_review');
    expect(catalog.reviewStatus('acme-intel', '1.0.0')).toBeUndefined();
    expect(catalog.get('abuseipdb', '9.0.0')).toBeUndefined();
    expect(catalog.all()).toHaveLength(CONNECTORS.length + 2);
  });

  it('when another process adds a version then refresh sees it only once the copy is older than maxAgeMs', async () => {
    const { state, catalog } = fixture(1_000);
    await catalog.refresh();
    state.rows = [installed('1.0.0')];

    state.now = 999;
    await catalog.refresh();
    const early = catalog.get('acme-intel', '1.0.0');
    state.now = 1_000;
    await catalog.refresh();

    expect(early).toBeUndefined();
    expect(catalog.get('acme-intel', '1.0.0')?.id).toBe('acme-intel');
    expect(state.loads).toBe(2);
  });

  it('when invalidated then the next refresh reloads at once, whatever the age', async () => {
    const { state, catalog } = fixture(60_000);
    await catalog.refresh();
    state.rows = [installed('1.0.0')];

    catalog.invalidate();
    await catalog.refresh();

    expect(catalog.latest('acme-intel')?.version).toBe('1.0.0');
  });

  it('when the copy is stale then a read answers from it and starts one reload in the background', async () => {
    const { state, catalog } = fixture(1_000);
    await catalog.refresh();
    state.rows = [installed('1.0.0')];
    state.now = 5_000;

    const first = catalog.get('acme-intel', '1.0.0');
    catalog.latest('acme-intel');
    await catalog.refresh();

    expect(first).toBeUndefined();
    expect(state.loads).toBe(2);
    expect(catalog.get('acme-intel', '1.0.0')?.version).toBe('1.0.0');
  });

  it('when the first load fails then refresh throws; when a later one fails then the loaded copy serves on and the error is reported', async () => {
    const { state, catalog } = fixture();
    state.fail = true;
    await expect(catalog.refresh()).rejects.toThrow('database down');
    state.fail = false;
    state.rows = [installed('1.0.0')];
    await catalog.refresh();

    state.fail = true;
    catalog.invalidate();
    await catalog.refresh();

    expect(catalog.get('acme-intel', '1.0.0')?.version).toBe('1.0.0');
    expect(state.errors.map(String)).toContain('Error: database down');
  });

  it('when a load began before a change and answers last then its answer is not kept: the copy is the later load’s', async () => {
    const { state, catalog } = fixture(60_000);
    state.holding = true;
    const early = catalog.refresh();
    state.rows = [installed('1.0.0')];
    catalog.invalidate();
    const late = catalog.refresh();
    await Promise.resolve();

    // The later load answers first, the earlier one (without the change) after it.
    const [releaseEarly, releaseLate] = state.releases;
    releaseLate?.();
    await late;
    releaseEarly?.();
    await early;

    expect(state.loads).toBe(2);
    expect(catalog.get('acme-intel', '1.0.0')?.version).toBe('1.0.0');
  });
});
