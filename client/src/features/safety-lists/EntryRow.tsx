import type { SafetyEntry } from '@autonomic/api';
import { useState } from 'react';

interface Props {
  entry: SafetyEntry;
  canManage: boolean;
  onEdit(): void;
  onDelete(): Promise<void>;
}

/** One entry; deleting asks first, in the row. */
export function EntryRow({ entry, canManage, onEdit, onDelete }: Props) {
  const [confirming, setConfirming] = useState(false);
  return (
    <tr data-testid={`entry-${entry.list}-${entry.value}`}>
      <td>{entry.kind}</td>
      <td>
        <code>{entry.value}</code>
        {entry.assetId && <span className="muted"> (asset)</span>}
      </td>
      <td>
        <span className={`criticality criticality-${entry.criticality}`}>{entry.criticality}</span>
      </td>
      <td>{entry.reason}</td>
      <td>{entry.owner ?? '—'}</td>
      <td>
        <time dateTime={entry.createdAt}>{entry.createdAt.slice(0, 10)}</time>
      </td>
      {canManage && (
        <td className="row-actions">
          {confirming ? (
            <span role="group" aria-label={`Delete ${entry.value}?`}>
              Delete {entry.value}?{' '}
              <button type="button" onClick={() => void onDelete()}>
                Yes, delete
              </button>
              <button type="button" onClick={() => setConfirming(false)}>
                Keep
              </button>
            </span>
          ) : (
            <>
              <button type="button" onClick={onEdit} aria-label={`Edit ${entry.value}`}>
                Edit
              </button>
              <button type="button" onClick={() => setConfirming(true)} aria-label={`Delete ${entry.value}`}>
                Delete
              </button>
            </>
          )}
        </td>
      )}
    </tr>
  );
}
