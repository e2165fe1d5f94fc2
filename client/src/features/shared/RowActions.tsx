import { useState } from 'react';

interface Props {
  /** What the row is called in the buttons' names and the question ("10.0.0.1"). */
  name: string;
  onEdit(): void;
  onDelete(): Promise<void>;
}

/** The Edit and Delete cell of an admin table row; deleting asks first, in the row. */
export function RowActions({ name, onEdit, onDelete }: Props) {
  const [confirming, setConfirming] = useState(false);
  return (
    <td className="row-actions">
      {confirming ? (
        <span role="group" aria-label={`Delete ${name}?`}>
          Delete {name}?{' '}
          <button type="button" onClick={() => void onDelete()}>
            Yes, delete
          </button>
          <button type="button" onClick={() => setConfirming(false)}>
            Keep
          </button>
        </span>
      ) : (
        <>
          <button type="button" onClick={onEdit} aria-label={`Edit ${name}`}>
            Edit
          </button>
          <button type="button" onClick={() => setConfirming(true)} aria-label={`Delete ${name}`}>
            Delete
          </button>
        </>
      )}
    </td>
  );
}
