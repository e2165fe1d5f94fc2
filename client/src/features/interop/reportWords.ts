import type { ImportReportEntry } from './api';

export type EntryStatus = ImportReportEntry['status'];

export const STATUSES: readonly EntryStatus[] = ['mapped', 'approximated', 'unsupported'];

/** A heading per status, in words an analyst reads. */
export const STATUS_WORDS: Record<EntryStatus, string> = {
  mapped: 'Mapped',
  approximated: 'Approximated',
  unsupported: 'Not supported',
};

/** Where an element is in the file, read as words: `/workflow/action--1/commands/0` → `workflow › action--1 › commands › item 1`. */
export function whereInFile(pointer: string): string {
  const parts = pointer
    .split('/')
    .filter((p) => p !== '')
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((p) => (/^\d+$/.test(p) ? `item ${Number(p) + 1}` : p));
  return parts.length > 0 ? parts.join(' › ') : 'the playbook';
}
