import type { OwnedTokenInfo, TokenInfo } from '@autonomic/api';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import '../assets/assets.css';
import { fieldErrorsOf, NO_ERRORS, problemWords, type FieldErrors } from '../../api/problems';
import { FieldError, invalidProps } from '../policies/FieldError';
import { PageMessages } from '../shared/PageMessages';
import { OneTimeSecret } from '../users/OneTimeSecret';
import '../users/users.css';
import { createToken, listAllTokens, listTokens, revokeToken } from './api';
import { TokenRow } from './TokenRow';

/**
 * `/account/tokens`: the signed-in user's API tokens; `/admin/tokens` (`all`): everyone's,
 * with their owners, for an admin to revoke (creating there still makes the admin's own).
 * Both list (for the CLI and machines) with when
 * each was created, last used and expires; create one (the token shown once, with a copy
 * button) and revoke one after a confirmation. Secrets are never listed.
 */
export function TokensPage({ all = false }: { all?: boolean }) {
  const [tokens, setTokens] = useState<(TokenInfo | OwnedTokenInfo)[] | null>(null);
  const [name, setName] = useState('');
  const [days, setDays] = useState('90');
  const [errors, setErrors] = useState<FieldErrors>(NO_ERRORS);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);

  const load = useCallback(() => {
    (all ? listAllTokens() : listTokens()).then(
      (r) => setTokens(r.tokens),
      (e: unknown) => setError(problemWords(e)),
    );
  }, [all]);
  useEffect(load, [load]);

  async function create(e: FormEvent) {
    e.preventDefault();
    setErrors(NO_ERRORS);
    setError(null);
    try {
      const t = await createToken({ name, ...(days ? { expiresInDays: Number(days) } : {}) });
      setCreated({ name: t.name, token: t.token });
      setName('');
      setStatus(`Created ${t.name}.`);
      load();
    } catch (err) {
      const found = fieldErrorsOf(err);
      setErrors(found);
      if (found.size === 0) setError(problemWords(err));
    }
  }
  async function revoke(t: TokenInfo) {
    setError(null);
    try {
      await revokeToken(t.id);
      setStatus(`Revoked ${t.name}.`);
      load();
    } catch (err) {
      setError(problemWords(err));
    }
  }

  return (
    <section aria-labelledby="tokens-title" className="users-page">
      <h1 id="tokens-title">{all ? "Everyone's API tokens" : 'API tokens'}</h1>
      <p className="muted">
        A token acts as you from the CLI or a script: send it as <code>Authorization: Bearer …</code>.
      </p>
      <form className="user-form" aria-label="New token" onSubmit={create} noValidate>
        <label>
          Name
          <input value={name} onChange={(e) => setName(e.target.value)} {...invalidProps(errors, 'body.name')} />
        </label>
        <FieldError errors={errors} path="body.name" />
        <label>
          Expires after
          <select
            value={days}
            onChange={(e) => setDays(e.target.value)}
            {...invalidProps(errors, 'body.expiresInDays')}
          >
            <option value="30">30 days</option>
            <option value="90">90 days</option>
            <option value="365">1 year</option>
            <option value="">never (until revoked)</option>
          </select>
        </label>
        <FieldError errors={errors} path="body.expiresInDays" />
        <div className="form-actions">
          <button type="submit">Create token</button>
        </div>
      </form>
      {created && (
        <OneTimeSecret label={`Token ${created.name}`} secret={created.token} onDone={() => setCreated(null)} />
      )}
      <PageMessages status={status} error={error} />
      {tokens === null ? (
        !error && <p aria-busy="true">Loading tokens…</p>
      ) : tokens.length === 0 ? (
        <p>{all ? 'Nobody has an API token.' : 'You have no API tokens.'}</p>
      ) : (
        <table className="assets-table">
          <caption className="visually-hidden">{all ? "Everyone's API tokens" : 'Your API tokens'}</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              {all && <th scope="col">Owner</th>}
              <th scope="col">Created</th>
              <th scope="col">Last used</th>
              <th scope="col">Expires</th>
              <th scope="col">State</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((t) => (
              <TokenRow key={t.id} token={t} onRevoke={() => revoke(t)} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
