import { useState, type FormEvent } from 'react';
import { ApiError } from '../../api/client';
import { rotateCredential } from './api';
import { FormField } from './FormField';

/**
 * A new value for a credential. The server tests it first: on success the new value
 * replaces the old one; on failure the old one is kept. Either way the form says which.
 */
export function RotateForm({ name, onDone, onCancel }: { name: string; onDone(): void; onCancel(): void }) {
  const [value, setValue] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const [fieldError, setFieldError] = useState<string[]>([]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setOutcome(null);
    setFieldError([]);
    try {
      const r = await rotateCredential(name, value);
      const tested = r.test ? `it passed the test connection (${r.test.message})` : 'the connector has no test to run';
      setOutcome({
        ok: true,
        text: `Rotated: version ${r.credential.rotation.version} is in use, ${tested}. The old value was replaced.`,
      });
      onDone();
    } catch (err) {
      if (err instanceof ApiError && err.code === 'connection_test_failed') {
        setOutcome({ ok: false, text: `${err.message}. The old value was kept.` });
      } else if (err instanceof ApiError && err.details.length > 0) {
        setFieldError(err.details.map((d) => d.message));
        setOutcome({ ok: false, text: 'Not rotated: the old value was kept.' });
      } else {
        setOutcome({
          ok: false,
          text: `${err instanceof Error ? err.message : String(err)}. Not rotated: the old value was kept.`,
        });
      }
    } finally {
      setValue('');
      setBusy(false);
    }
  }

  return (
    <form aria-label={`Rotate ${name}`} className="cred-rotate" onSubmit={(e) => void submit(e)} noValidate>
      <FormField label="New secret value" errors={fieldError}>
        {(p) => (
          <input
            {...p}
            type="password"
            autoComplete="new-password"
            value={value}
            onChange={(e) => setValue(e.target.value)}
          />
        )}
      </FormField>
      <button type="submit" disabled={busy || value === ''}>
        {busy ? 'Testing the new value…' : 'Rotate'}
      </button>
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
      {outcome && (
        <p role="status" data-testid="rotate-result" className={outcome.ok ? 'ok' : 'error'}>
          {outcome.text}
        </p>
      )}
    </form>
  );
}
