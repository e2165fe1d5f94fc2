import type { ConnectorDefinition } from '@autonomic/workflow';

/** How an action's effect or target differs between two versions. */
export interface ActionChange {
  action: string;
  what: 'effect' | 'target';
  before: string;
  after: string;
  /** The effect class went up, or the target moved: an upgrade of a step using it is high risk. */
  risky: boolean;
}

/** What a newer version changes for the steps that pin an older one. */
export interface VersionChanges {
  added: string[];
  removed: string[];
  changed: ActionChange[];
}

const RANK = { read: 0, write: 1, destructive: 2 } as const;

const targetText = (t: { param: string; kind: string } | undefined) => (t ? `${t.kind} (${t.param})` : 'none');

/**
 * The actions `to` adds and removes, and the effect or target changes of those both have:
 * what a reviewer of an upgrade from `from` to `to` will be asked about. Sorted by action id.
 */
export function versionChanges(from: ConnectorDefinition, to: ConnectorDefinition): VersionChanges {
  const before = Object.keys(from.actions).sort();
  const after = Object.keys(to.actions).sort();
  const changed: ActionChange[] = [];
  for (const id of after) {
    const a = from.actions[id];
    const b = to.actions[id];
    if (!a || !b) continue;
    if (a.effect !== b.effect) {
      changed.push({
        action: id,
        what: 'effect',
        before: a.effect,
        after: b.effect,
        risky: RANK[b.effect] > RANK[a.effect],
      });
    }
    const [ta, tb] = [targetText(a.target), targetText(b.target)];
    if (ta !== tb) changed.push({ action: id, what: 'target', before: ta, after: tb, risky: true });
  }
  return {
    added: after.filter((id) => !from.actions[id]),
    removed: before.filter((id) => !to.actions[id]),
    changed,
  };
}

export const isEmptyChange = (c: VersionChanges) =>
  c.added.length === 0 && c.removed.length === 0 && c.changed.length === 0;
