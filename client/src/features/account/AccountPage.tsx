import { authApi, MIN_PASSWORD_LENGTH, type TokenInfo } from '@autonomic/api';
import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../../api/client';
import { TokenReview } from './TokenReview';

/**
 * Change one's own password. The server ends the other sessions and answers with the API
 * tokens that still work: they are listed at once, each with a Revoke button, so that a
 * password changed because it leaked does not leave a token minted with it running.
 */
export function AccountPage() {
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [tokens, setTokens] = useState<TokenInfo[] | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const changed = await api(authApi.password, { body: { currentPassword, newPassword } });
      setCurrent('');
      setNew('');
      setTokens(changed.tokens);
    } catch (err) {
      setError(err instanceof ApiError ? (err.details[0]?.message ?? err.message) : 'The password was not changed');
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="account-title">
      <h1 id="account-title">Your account</h1>
      <form onSubmit={(e) => void submit(e)} aria-label="Change password">
        <label>
          Current password
          <input
            type="password"
            autoComplete="current-password"
            value={currentPassword}
            onChange={(e) => setCurrent(e.target.value)}
            required
          />
        </label>
        <label>
          New password
          <input
            type="password"
            autoComplete="new-password"
            minLength={MIN_PASSWORD_LENGTH}
            value={newPassword}
            onChange={(e) => setNew(e.target.value)}
            required
          />
        </label>
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {busy ? 'Changing…' : 'Change password'}
        </button>
      </form>
      {tokens && <TokenReview tokens={tokens} />}
    </section>
  );
}
