import { useId, useState } from 'react';
import { Dialog } from '../../editor/ui/Dialog';

/** Asks for the change note that goes with a new version. */
export function SaveDialog({
  open,
  problems,
  busy,
  error,
  onSave,
  onClose,
}: {
  open: boolean;
  problems: number;
  busy: boolean;
  error: string | null;
  onSave(note: string): void;
  onClose(): void;
}) {
  const [note, setNote] = useState('');
  const id = useId();
  return (
    <Dialog title="Save a new version" open={open} onClose={onClose} testId="save-dialog">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          onSave(note.trim());
        }}
      >
        <label htmlFor={id}>
          Change note
          <textarea
            id={id}
            rows={3}
            maxLength={2000}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            placeholder="What changed and why"
            data-testid="change-note"
            autoFocus
          />
        </label>
        {problems > 0 && (
          <p className="muted">
            This draft has {problems} problem{problems === 1 ? '' : 's'}: it saves, but cannot be sent for review until
            they are fixed.
          </p>
        )}
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={busy} data-testid="save-confirm">
            {busy ? 'Saving…' : 'Save version'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
