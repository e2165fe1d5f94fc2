/**
 * The asset inventory as the engine sees it, and the safety lookup: for one target, the
 * asset it is (criticality, owner, business service, tags) and the protected / auto-OK
 * entries that match it. Pure; the lists come from the safety port's list.
 */
import type { SafetyAsset } from './asset-schema';
import type { EffectTarget, SafetyLookup, SafetyPort } from './ports';
import { createSafetyPort, entryMatcher, type Criticality, type SafetyEntry, type SafetyList } from './safety';

const RANK: Record<Criticality, number> = { low: 0, medium: 1, high: 2, critical: 3 };
/** An exact asset (an address, a host, a user) says more than a range or a domain it falls in. */
const EXACT: Record<SafetyAsset['kind'], number> = { ip: 2, host: 2, user: 2, cidr: 1, domain: 0 };

/** How specific a matching asset is: exact first, then the narrower CIDR block. */
function specificity(a: SafetyAsset): number {
  const prefix = a.kind === 'cidr' ? Number(a.value.split('/')[1] ?? 0) : 0;
  return EXACT[a.kind] * 1000 + prefix;
}

/**
 * Compiles a lookup over the lists. Matching reuses the safety matcher: the asset must
 * cover the target (an address in a CIDR asset, a host under a domain asset; a user in
 * any of its forms), a protected entry touches it, an auto-OK entry covers it. Protected
 * picks the most critical match; the asset the most specific one.
 */
export function createLookup(
  list: SafetyList,
  assets: readonly SafetyAsset[] = [],
): (target: EffectTarget) => SafetyLookup {
  const asEntry = (a: SafetyAsset): SafetyEntry => ({
    kind: a.kind,
    value: a.value,
    criticality: a.criticality,
    reason: 'asset',
  });
  const inv = assets.map((a) => ({ a, m: entryMatcher(asEntry(a), 'covers') }));
  const prot = list.protected.map((e) => ({ e, m: entryMatcher(e) }));
  const ok = list.autoOk.map((e) => ({ e, m: entryMatcher(e, 'covers') }));
  return (target) => {
    let asset: SafetyAsset | undefined;
    for (const { a, m } of inv) if (m(target) && (!asset || specificity(a) > specificity(asset))) asset = a;
    let protectedEntry: SafetyEntry | undefined;
    for (const { e, m } of prot)
      if (m(target) && (!protectedEntry || RANK[e.criticality] > RANK[protectedEntry.criticality])) protectedEntry = e;
    // The most critical auto-OK match speaks, as in the safety check.
    let autoOkEntry: SafetyEntry | undefined;
    for (const { e, m } of ok)
      if (m(target) && (!autoOkEntry || RANK[e.criticality] > RANK[autoOkEntry.criticality])) autoOkEntry = e;
    const owner = asset?.owner ?? protectedEntry?.owner;
    const criticality = asset?.criticality ?? protectedEntry?.criticality;
    return {
      target: target.value,
      kind: target.kind,
      found: asset !== undefined,
      criticality: criticality ?? null,
      owner: owner ?? null,
      businessService: asset?.businessService ?? null,
      tags: asset?.tags ?? [],
      protected: protectedEntry !== undefined,
      ...(protectedEntry ? { protectedEntry: entryView(protectedEntry) } : {}),
      // Protected wins: a target on both lists is not auto-OK (as the safety check decides).
      autoOk: protectedEntry === undefined && autoOkEntry !== undefined,
      ...(autoOkEntry ? { autoOkEntry: entryView(autoOkEntry) } : {}),
    };
  };
}

function entryView(e: SafetyEntry): SafetyLookup['protectedEntry'] & object {
  return { kind: e.kind, value: e.value, criticality: e.criticality, reason: e.reason, owner: e.owner ?? null };
}

/**
 * The safety port over a list that also answers the safety lookup step from the list's
 * assets and entries: what simulation and the live source use.
 */
export function createSafetyLookupPort(list: SafetyList): SafetyPort {
  const lookup = createLookup(list, list.assets);
  return { ...createSafetyPort(list), lookup: async (target) => lookup(target) };
}
