import type { Asset } from '@autonomic/api';
import { useState } from 'react';

interface Props {
  asset: Asset;
  canManage: boolean;
  onEdit(): void;
  onDelete(): Promise<void>;
}

/** One asset; deleting asks first, in the row. */
export function AssetRow({ asset, canManage, onEdit, onDelete }: Props) {
  const [confirming, setConfirming] = useState(false);
  return (
    <tr data-testid={`asset-${asset.value}`}>
      <td>{asset.kind}</td>
      <td>
        <code>{asset.value}</code>
      </td>
      <td>
        <span className={`criticality criticality-${asset.criticality}`}>{asset.criticality}</span>
      </td>
      <td>{asset.owner ?? '—'}</td>
      <td>{asset.businessService ?? '—'}</td>
      <td>{asset.tags.join(', ')}</td>
      {canManage && (
        <td>
          {confirming ? (
            <span role="group" aria-label={`Delete ${asset.value}?`}>
              Delete {asset.value}?{' '}
              <button type="button" onClick={() => void onDelete()}>
                Yes, delete
              </button>
              <button type="button" onClick={() => setConfirming(false)}>
                Keep
              </button>
            </span>
          ) : (
            <>
              <button type="button" onClick={onEdit} aria-label={`Edit ${asset.value}`}>
                Edit
              </button>
              <button type="button" onClick={() => setConfirming(true)} aria-label={`Delete ${asset.value}`}>
                Delete
              </button>
            </>
          )}
        </td>
      )}
    </tr>
  );
}
