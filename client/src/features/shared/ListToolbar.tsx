import type { ReactNode } from 'react';

interface Props {
  /** Where "Export CSV" downloads the list from. */
  exportHref: string;
  /** What one row is, for the add button ("asset" → "New asset"). */
  noun: string;
  /** Admins add and import; others only search and export. */
  canManage: boolean;
  onNew(): void;
  onImport(): void;
  /** The search and filters, first in the bar. */
  children: ReactNode;
}

/** The bar above an admin list: its search and filters, Export CSV, and for admins New and Import CSV. */
export function ListToolbar({ exportHref, noun, canManage, onNew, onImport, children }: Props) {
  return (
    <div className="assets-toolbar">
      {children}
      <a href={exportHref} download>
        Export CSV
      </a>
      {canManage && (
        <>
          <button type="button" onClick={onNew}>
            New {noun}
          </button>
          <button type="button" onClick={onImport}>
            Import CSV
          </button>
        </>
      )}
    </div>
  );
}
