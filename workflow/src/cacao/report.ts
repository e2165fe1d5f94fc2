/**
 * The import report: one entry per CACAO element (metadata property, workflow step and
 * each of its properties, command, variable, agent, target, authentication info,
 * extension, data marking, signature), saying whether it was mapped, approximated (how)
 * or is unsupported (why). Nothing is dropped without an entry.
 */
export type ReportStatus = 'mapped' | 'approximated' | 'unsupported';

export interface ReportEntry {
  /** Where the element is in the CACAO document, as a JSON pointer (`/workflow/action--…/commands/0`). */
  pointer: string;
  /** What kind of element (`step`, `command`, `variable`, `agent`, `target`, `metadata` …). */
  kind: string;
  status: ReportStatus;
  /** In words: how it was mapped or approximated, or why it is unsupported. */
  message: string;
  /** The step of the draft it became, when it became one. */
  nodeId?: string;
}

export interface ImportReport {
  entries: ReportEntry[];
  counts: Record<ReportStatus, number>;
}

/** Escapes one JSON pointer segment (RFC 6901). */
export function pointerSegment(key: string | number): string {
  return String(key).replace(/~/g, '~0').replace(/\//g, '~1');
}

export function pointer(...keys: (string | number)[]): string {
  return keys.map((k) => `/${pointerSegment(k)}`).join('');
}

/** Collects report entries while the importer walks the playbook. */
export class Reporter {
  readonly entries: ReportEntry[] = [];

  add(entry: ReportEntry): void {
    this.entries.push(entry);
  }

  mapped(ptr: string, kind: string, message: string, nodeId?: string): void {
    this.add({ pointer: ptr, kind, status: 'mapped', message, ...(nodeId ? { nodeId } : {}) });
  }

  approximated(ptr: string, kind: string, message: string, nodeId?: string): void {
    this.add({ pointer: ptr, kind, status: 'approximated', message, ...(nodeId ? { nodeId } : {}) });
  }

  unsupported(ptr: string, kind: string, message: string, nodeId?: string): void {
    this.add({ pointer: ptr, kind, status: 'unsupported', message, ...(nodeId ? { nodeId } : {}) });
  }

  has(ptr: string): boolean {
    return this.entries.some((e) => e.pointer === ptr);
  }

  report(): ImportReport {
    const counts = { mapped: 0, approximated: 0, unsupported: 0 };
    for (const e of this.entries) counts[e.status] += 1;
    return { entries: this.entries, counts };
  }
}
