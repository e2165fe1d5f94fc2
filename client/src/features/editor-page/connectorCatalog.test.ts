import { afterEach, describe, expect, it, vi } from 'vitest';
import { connectorProblems } from '@autonomic/workflow';
import { abuseipdb, connectorList, credentials, slack } from '../../editor/connectors/testing';
import { actionOf, connectorContextOf } from '../../editor/connectors/catalog';
import { loadConnectorCatalog } from './connectorCatalog';

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** Answers like the server: the list, each definition, the credentials; `fail` paths answer 500. */
function stubServer(fail: readonly string[] = [], more: Record<string, unknown> = {}) {
  const seen: string[] = [];
  vi.stubGlobal('fetch', (url: string) => {
    seen.push(url);
    if (fail.includes(url)) return Promise.resolve(json({ error: { code: 'internal', message: 'boom' } }, 500));
    const bodies: Record<string, unknown> = {
      '/api/connectors': connectorList,
      '/api/connectors/abuseipdb': abuseipdb,
      '/api/connectors/slack': slack,
      '/api/credentials': { credentials },
      ...more,
    };
    return Promise.resolve(url in bodies ? json(bodies[url]) : json({}, 404));
  });
  return seen;
}

afterEach(() => vi.unstubAllGlobals());

describe('loadConnectorCatalog', () => {
  it('when the server answers then the summaries, every definition and the credentials are loaded', async () => {
    const seen = stubServer();
    const catalog = await loadConnectorCatalog();
    expect(catalog.status).toBe('ready');
    expect(catalog.summaries.map((s) => s.id)).toEqual(['slack', 'abuseipdb']);
    expect(Object.keys(catalog.definitions).sort()).toEqual(['abuseipdb', 'slack']);
    expect(catalog.definitions['abuseipdb']?.actions['check_ip']?.target).toEqual({ param: 'ipAddress', kind: 'ip' });
    expect(catalog.credentials?.map((c) => c.name)).toEqual(['abuse_prod', 'abuse_sandbox', 'slack_soc']);
    expect(catalog.errors).toEqual([]);
    expect(seen.filter((u) => u === '/api/connectors')).toHaveLength(1);
  });

  it('when the credentials fail then the connectors still load, credentials are left unchecked and the failure is named', async () => {
    stubServer(['/api/credentials']);
    const catalog = await loadConnectorCatalog();
    expect(catalog.status).toBe('ready');
    expect(catalog.credentials).toBeUndefined();
    expect(catalog.errors).toEqual(['Could not load the credentials: boom']);
  });

  it('when the list fails then the catalog is an error, not a throw', async () => {
    stubServer(['/api/connectors']);
    const catalog = await loadConnectorCatalog();
    expect(catalog).toMatchObject({ status: 'error', summaries: [], errors: ['Could not load the connectors: boom'] });
  });

  it('when one definition fails then the others load and that one is named', async () => {
    stubServer(['/api/connectors/slack']);
    const catalog = await loadConnectorCatalog();
    expect(Object.keys(catalog.definitions)).toEqual(['abuseipdb']);
    expect(catalog.errors).toEqual(['Could not load the connector slack: boom']);
  });

  it('when an older version is installed beside the newest then it is loaded too, and a step pinned to it is edited and checked against it', async () => {
    // AbuseIPDB 1.1.0 (installed, older than the fixture's newest) and 1.3.0 (awaiting review: never loaded).
    const older = { ...abuseipdb, version: '1.1.0' };
    const info = (version: string, status: string) => ({
      version,
      status,
      destructiveActions: [],
      createdById: null,
      createdAt: null,
      reviewedById: null,
      reviewedAt: null,
    });
    const list = {
      connectors: connectorList.connectors.map((c) =>
        c.id === 'abuseipdb'
          ? { ...c, versions: [info('1.1.0', 'installed'), ...c.versions, info('1.3.0', 'pending_review')] }
          : c,
      ),
    };
    const seen = stubServer([], { '/api/connectors': list, '/api/connectors/abuseipdb?version=1.1.0': older });

    const catalog = await loadConnectorCatalog();

    expect(catalog.errors).toEqual([]);
    expect(seen.filter((u) => u.includes('version='))).toEqual(['/api/connectors/abuseipdb?version=1.1.0']);
    expect(catalog.definitions['abuseipdb']?.version).toBe(abuseipdb.version);
    const pinned = { connector: 'abuseipdb', version: '1.1.0', action: 'check_ip' };
    expect(actionOf(catalog, pinned)?.def.version).toBe('1.1.0');
    const step = (version: string) => ({
      type: 'connector',
      params: {
        ...pinned,
        version,
        credential: 'abuse_sandbox',
        input: { ipAddress: '{{ event.ip }}', maxAgeInDays: 30 },
        effect: 'read',
        target: { param: 'ipAddress', kind: 'ip' },
      },
    });
    const ctx = connectorContextOf(catalog);
    if (!ctx) throw new Error('catalog not ready');
    expect(connectorProblems({ steps: { check: step('1.1.0') } }, ctx)).toEqual([]);
    const pending = connectorProblems({ steps: { check: step('1.3.0') } }, ctx);
    expect(pending.map((p) => p.message)).toEqual([
      expect.stringContaining('version 1.3.0 of abuseipdb is not installed'),
    ]);
  });
});
