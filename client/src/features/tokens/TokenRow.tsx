import type { OwnedTokenInfo, TokenInfo } from '@autonomic/api';
import { useState } from 'react';

const day = (at: string | null, none: string) => (at ? at.slice(0, 10) : none);

/** One token: its dates and state; revoking asks first, in the row. */
export function TokenRow({
  token,
  onRevoke,
}: {
  /** With `owner`: a row of the admin's list, which shows the owner column. */
  token: TokenInfo | OwnedTokenInfo;
  onRevoke(): Promise<void>;
}) {
  const [confirming, setConfirming] = useState(false);
  return (
    <tr data-testid={`token-${token.name}`}>
      <td>{token.name}</td>
      {'owner' in token && <td>{token.owner}</td>}
      <td>{day(token.createdAt, '—')}</td>
      <td>{day(token.lastUsedAt, 'never')}</td>
      <td>{day(token.expiresAt, 'never')}</td>
      <td>{token.revokedAt ? `revoked ${day(token.revokedAt, '')}` : 'active'}</td>
      <td className="row-actions">
        {token.revokedAt ? null : confirming ? (
          <span role="group" aria-label={`Revoke ${token.name}?`}>
            Revoke {token.name}? Whatever uses it stops working at once.{' '}
            <button type="button" onClick={() => void onRevoke()}>
              Yes, revoke
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              Keep
            </button>
          </span>
        ) : (
          <button type="button" onClick={() => setConfirming(true)}>
            Revoke {token.name}
          </button>
        )}
      </td>
    </tr>
  );
}
