import type { SafetyEntry } from '@autonomic/api';
import { RowActions } from '../shared/RowActions';

interface Props {
  entry: SafetyEntry;
  canManage: boolean;
  onEdit(): void;
  onDelete(): Promise<void>;
}

/** One entry; deleting asks first, in the row. */
export function EntryRow({ entry, canManage, onEdit, onDelete }: Props) {
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
      {canManage && <RowActions name={entry.value} onEdit={onEdit} onDelete={onDelete} />}
    </tr>
  );
}
