import type { Asset } from '@autonomic/api';
import { RowActions } from '../shared/RowActions';

interface Props {
  asset: Asset;
  canManage: boolean;
  onEdit(): void;
  onDelete(): Promise<void>;
}

/** One asset; deleting asks first, in the row. */
export function AssetRow({ asset, canManage, onEdit, onDelete }: Props) {
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
      {canManage && <RowActions name={asset.value} onEdit={onEdit} onDelete={onDelete} />}
    </tr>
  );
}
