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
