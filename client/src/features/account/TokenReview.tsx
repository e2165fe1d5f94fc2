import { tokensApi, type TokenInfo } from '@autonomic/api';
import { useState } from 'react';
import { api, ApiError } from '../../api/client';

/** After a password change: the API tokens that still work, each revocable in one click. */
export function TokenReview({ tokens }: { tokens: TokenInfo[] }) {
  const [revoked, setRevoked] = useState<ReadonlySet<string>>(new Set());
  const [error, setError] = useState<string | null>(null);

  async function revoke(id: string) {
    setError(null);
    try {
      await api(tokensApi.revoke, { params: { id } });
      setRevoked((s) => new Set([...s, id]));
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'The token was not revoked');
    }
  }

  return (
    <div role="status" data-testid="token-review">
      <p>Password changed; your other sessions were signed out.</p>
      {tokens.length === 0 ? (
        <p>You have no API tokens.</p>
      ) : (
        <>
          <p>These API tokens still work. Revoke any you no longer trust:</p>
          <ul>
            {tokens.map((t) => (
              <li key={t.id}>
                {t.name} · created {t.createdAt.slice(0, 10)}
                {t.lastUsedAt ? ` · last used ${t.lastUsedAt.slice(0, 10)}` : ' · never used'}{' '}
                {revoked.has(t.id) ? (
                  <span>revoked</span>
                ) : (
                  <button type="button" onClick={() => void revoke(t.id)}>
                    Revoke {t.name}
                  </button>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </div>
  );
}
