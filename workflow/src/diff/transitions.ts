import type { Transitions } from '../document';
import type { PortChange } from './types';

/** Per port, the targets gained and lost. Ports without a difference are left out. */
export function diffTransitions(before: Transitions, after: Transitions): PortChange[] {
  const ports = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  const changes: PortChange[] = [];
  for (const port of ports) {
    const was = new Set(before[port] ?? []);
    const now = new Set(after[port] ?? []);
    const added = [...now].filter((t) => !was.has(t)).sort();
    const removed = [...was].filter((t) => !now.has(t)).sort();
    if (added.length > 0 || removed.length > 0) changes.push({ port, added, removed });
  }
  return changes;
}
