/**
 * Which credentials a workflow uses, and which of them failed their latest probe: what
 * marks a workflow on the list and what the publish gate refuses.
 */
import { FORMAT_VERSION, migrateToLatest } from '@autonomic/workflow';
import { credentialHealth, workflowsUsing } from '../../store/credential-probes';
import type { Db } from '../../store/db';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The credentials the connector steps of a stored document name, in any format version
 * (an older one is migrated first: a v1 block-ip step becomes a connector step naming a
 * credential). A draft that does not parse still names what it names.
 */
export function credentialsUsedBy(raw: unknown): string[] {
  const migrated = migrateToLatest(raw);
  const doc = migrated.ok ? migrated.value : raw;
  const steps = isRecord(doc) ? doc['steps'] : undefined;
  if (!isRecord(steps)) return [];
  const names = new Set<string>();
  for (const step of Object.values(steps)) {
    if (!isRecord(step) || step['type'] !== 'connector' || !isRecord(step['params'])) continue;
    const credential = step['params']['credential'];
    if (typeof credential === 'string' && credential !== '') names.add(credential);
  }
  return [...names].sort();
}

/** A live credential whose latest probe failed. */
export interface FailingCredential {
  name: string;
  connectorId: string;
  at: Date;
  status: number | null;
  message: string;
}

/**
 * The live credentials (of `names`, or all) whose latest probe failed. Test credentials
 * are never probed against the vendor and never probed ones have said nothing: neither fails.
 */
export async function failingCredentials(db: Db, names?: readonly string[]): Promise<FailingCredential[]> {
  if (names?.length === 0) return [];
  const rows = await credentialHealth(db, names);
  return rows.flatMap((r) =>
    r.mode === 'live' && r.last && !r.last.ok
      ? [{ name: r.name, connectorId: r.connectorId, at: r.last.at, status: r.last.status, message: r.last.message }]
      : [],
  );
}

/** A workflow and the failing credentials its published or latest version uses. */
export interface MarkedWorkflow {
  id: string;
  name: string;
  failing: FailingCredential[];
}

/** The workflows (of `workflowIds`, or all) that use one of `failing`, by id. */
export async function workflowsUsingFailing(
  db: Db,
  failing: readonly FailingCredential[],
  workflowIds?: readonly string[],
): Promise<Map<string, MarkedWorkflow>> {
  const out = new Map<string, MarkedWorkflow>();
  if (failing.length === 0 || workflowIds?.length === 0) return out;
  const byName = new Map(failing.map((f) => [f.name, f]));
  const uses = await workflowsUsing(db, [...byName.keys()], FORMAT_VERSION, workflowIds);
  for (const use of uses) {
    const names = use.credential !== null ? [use.credential] : credentialsUsedBy(use.document);
    for (const name of names) {
      const f = byName.get(name);
      if (!f) continue;
      const marked = out.get(use.workflowId) ?? { id: use.workflowId, name: use.workflowName, failing: [] };
      if (!marked.failing.some((m) => m.name === name)) marked.failing.push(f);
      out.set(use.workflowId, marked);
    }
  }
  for (const m of out.values()) m.failing.sort((a, b) => a.name.localeCompare(b.name));
  return out;
}
