import { useState } from 'react';
import { ApiErrorMessage } from '../simulation/ApiErrorMessage';
import { publishVersion } from './api';

/** Publishes an approved version; the server has the last word and its refusal is shown as it is. */
export function PublishButton({
  workflowId,
  number,
  onPublished,
}: {
  workflowId: string;
  number: number;
  onPublished(): void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const publish = async () => {
    setBusy(true);
    setError(null);
    try {
      await publishVersion(workflowId, number);
      onPublished();
    } catch (e) {
      setError(e instanceof Error ? e : new Error(String(e)));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div>
      <button
        type="button"
        className="primary"
        onClick={() => void publish()}
        disabled={busy}
        data-testid="publish-version"
      >
        {busy ? 'Publishing…' : `Publish v${number}`}
      </button>
      {error && <ApiErrorMessage error={error} />}
    </div>
  );
}
