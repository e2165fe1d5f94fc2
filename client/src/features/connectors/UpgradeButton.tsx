import { useState } from 'react';
import { useNavigate } from 'react-router';
import { ApiErrorMessage } from '../simulation/ApiErrorMessage';
import { upgradeWorkflow } from './api';

interface Props {
  workflowId: string;
  connector: string;
  toVersion: string;
  /** What the diff compares the new draft with: `published` when the workflow has a published version. */
  compareWith: number | 'published';
}

/**
 * "Upgrade to x.y.z": saves a new draft with the workflow's steps of this connector re-pinned
 * (never published), then opens its diff, where the re-pin and its risk are shown and the
 * review can be requested. A refusal (an action gone, an input that no longer fits) is shown
 * with every step and field at fault.
 */
export function UpgradeButton({ workflowId, connector, toVersion, compareWith }: Props) {
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);

  const upgrade = async () => {
    setBusy(true);
    setError(null);
    try {
      const saved = await upgradeWorkflow(workflowId, { connector, toVersion });
      void navigate(`/workflows/${workflowId}/diff?from=${compareWith}&to=${saved.version.number}`);
    } catch (e) {
      setError(e instanceof Error ? e : new Error(String(e)));
      setBusy(false);
    }
  };

  return (
    <>
      <button type="button" onClick={() => void upgrade()} disabled={busy}>
        {busy ? 'Drafting…' : `Upgrade to ${toVersion}`}
      </button>
      {error && <ApiErrorMessage error={error} />}
    </>
  );
}
