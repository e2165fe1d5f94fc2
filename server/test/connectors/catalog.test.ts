import { describe, expect, it } from 'vitest';
import { compareSemVer, createConnectorCatalog, versionsOf } from '../../src/connectors/catalog';
import { abuseipdb } from '../../connectors/abuseipdb/definition';
import { CONNECTORS } from '../../src/connectors/registry';

const at = (version: string) => ({ ...abuseipdb, version });

describe('connector catalog', () => {
  it('when built from the registry then every shipped connector is found by its pinned version', () => {
    const catalog = createConnectorCatalog();
    for (const def of CONNECTORS) expect(catalog.get(def.id, def.version)).toBe(def);
    expect(catalog.get('abuseipdb', '9.9.9')).toBeUndefined();
    expect(catalog.all()).toBe(CONNECTORS);
  });

  it('when several versions are installed then latest is the highest by semver precedence, not by text', () => {
    const catalog = createConnectorCatalog(['1.2.0', '1.10.0', '2.0.0-beta.2', '1.9.9'].map(at));
    expect(catalog.latest('abuseipdb')?.version).toBe('2.0.0-beta.2');
    expect(versionsOf(catalog, 'abuseipdb')).toEqual(['1.2.0', '1.9.9', '1.10.0', '2.0.0-beta.2']);
    expect(catalog.latest('nope')).toBeUndefined();
  });

  it.each([
    ['1.0.0-alpha', '1.0.0', -1],
    ['1.0.0-alpha', '1.0.0-alpha.1', -1],
    ['1.0.0-alpha.1', '1.0.0-alpha.beta', -1],
    ['1.0.0-beta.2', '1.0.0-beta.11', -1],
    ['1.0.0-rc.1', '1.0.0-beta.11', 1],
    ['2.0.0', '1.99.99', 1],
    ['1.0.0+build.7', '1.0.0', 0],
  ] as const)('when %s is compared with %s then the order is %i', (a, b, expected) => {
    expect(compareSemVer(a, b)).toBe(expected);
    expect(compareSemVer(b, a)).toBe(-expected || 0);
  });
});
