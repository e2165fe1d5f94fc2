import { useId, useState, type FormEvent } from 'react';
import { ApiErrorMessage } from '../simulation/ApiErrorMessage';
import { useAction } from '../versions/useAction';

interface Props {
  label: string;
  submitLabel: string;
  onSubmit(body: string): Promise<void>;
  testId?: string;
}

/** A text box that posts a comment and clears itself once the server took it. */
export function CommentForm({ label, submitLabel, onSubmit, testId }: Props) {
  const id = useId();
  const [body, setBody] = useState('');
  const { pending, error, run } = useAction<'post'>();
  const busy = pending !== null;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!body.trim()) return;
    await run('post', async () => {
      await onSubmit(body.trim());
      setBody('');
    });
  };
  return (
    <form className="comment-form" onSubmit={(e) => void submit(e)} data-testid={testId}>
      <label htmlFor={id}>{label}</label>
      <textarea id={id} value={body} onChange={(e) => setBody(e.target.value)} rows={2} />
      <div>
        <button type="submit" disabled={busy || !body.trim()}>
          {busy ? 'Posting…' : submitLabel}
        </button>
      </div>
      {error && <ApiErrorMessage error={error} />}
    </form>
  );
}
