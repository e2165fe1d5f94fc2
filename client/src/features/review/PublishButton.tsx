import { ApiErrorMessage } from '../simulation/ApiErrorMessage';
import { useAction } from '../versions/useAction';
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
  const { pending, error, run } = useAction<'publish'>();
  const busy = pending !== null;
  const publish = () =>
    run('publish', async () => {
      await publishVersion(workflowId, number);
      onPublished();
    });
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
