import { NodeId } from '../document';
import { EXTENSION_ID, isRecord, type CacaoStep } from './model';

/** Our node id a CACAO step gets: the one our export recorded, else one made from its name (or type and uuid). */
export function assignIds(steps: Record<string, CacaoStep>, reserved: string[]): Map<string, string> {
  const taken = new Set(reserved);
  const out = new Map<string, string>();
  const unique = (base: string) => {
    let id = base;
    for (let n = 2; taken.has(id); n++) id = `${base.slice(0, 58)}_${n}`;
    taken.add(id);
    return id;
  };
  for (const [cid, s] of Object.entries(steps)) {
    const kept = keptNodeId(s);
    if (kept && !taken.has(kept)) {
      taken.add(kept);
      out.set(cid, kept);
    }
  }
  for (const [cid, s] of Object.entries(steps)) {
    if (out.has(cid)) continue;
    const slug = (s.name ?? '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .slice(0, 40);
    const base = /^[a-z]/.test(slug)
      ? slug
      : `${s.type.replace(/[^a-z0-9]/g, '_')}_${(cid.split('--')[1] ?? cid).slice(0, 8).replace(/[^A-Za-z0-9]/g, '')}`;
    out.set(cid, unique(base));
  }
  return out;
}

/** The x-autonomic extension of a step, when it is ours and well formed. */
export function stepExtension(s: CacaoStep): { node_id?: string; step?: Record<string, unknown> } | undefined {
  const ext = s.step_extensions?.[EXTENSION_ID];
  if (!isRecord(ext)) return undefined;
  return {
    ...(typeof ext['node_id'] === 'string' ? { node_id: ext['node_id'] } : {}),
    ...(isRecord(ext['step']) ? { step: ext['step'] } : {}),
  };
}

export function keptNodeId(s: CacaoStep): string | undefined {
  const id = stepExtension(s)?.node_id;
  return id !== undefined && NodeId.safeParse(id).success ? id : undefined;
}
