import { useId } from 'react';
import { useAuth } from '../../auth/store';
import { credentialLabel, credentialWarning, noCredentialText } from '../connectors/credentialChoice';
import { Problems } from '../panel/FieldShell';
import { useEditor } from '../store/context';

/** Where a credential of `connectorId` is created: the credentials page, its form preset to that connector. */
export const createCredentialHref = (connectorId: string) =>
  `/admin/credentials?connector=${encodeURIComponent(connectorId)}`;

/**
 * The credential of a connector step: the credentials of that connector (live or test),
 * by name, and a link to create one (a new tab, so that the unsaved graph stays open;
 * only admins create credentials, so for anyone else the link says so).
 */
export function CredentialPicker({
  connectorId,
  value,
  onChange,
  problems,
  readOnly,
}: {
  connectorId: string;
  value: string;
  onChange(name: string): void;
  problems: readonly string[];
  readOnly: boolean;
}) {
  const id = useId();
  const all = useEditor((s) => s.connectors.credentials);
  const status = useEditor((s) => s.connectors.status);
  const mine = (all ?? []).filter((c) => c.connectorId === connectorId);
  const picked = mine.find((c) => c.name === value);
  const known = picked !== undefined;
  const warning = credentialWarning(picked);
  const isAdmin = useAuth((s) => s.user?.role === 'admin');
  return (
    <div className={`pf-field${problems.length > 0 ? ' pf-invalid' : ''}`}>
      <label htmlFor={id} className="pf-label">
        Credential
      </label>
      <select
        id={id}
        className="pf-input"
        value={value}
        disabled={readOnly}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={problems.length > 0}
        aria-describedby={`${id}-help ${id}-problems`}
      >
        <option value="">— choose a credential —</option>
        {mine.map((c) => (
          <option key={c.name} value={c.name}>
            {credentialLabel(c)}
          </option>
        ))}
        {value !== '' && !known && <option value={value}>{value} (not found)</option>}
      </select>
      <p id={`${id}-help`} className="pf-help">
        {status === 'ready' && all === undefined
          ? 'The credentials could not be loaded.'
          : status === 'ready' && mine.length === 0
            ? noCredentialText(connectorId, isAdmin)
            : 'Test credentials are used by simulations; live ones by real runs.'}
      </p>
      {warning && (
        <p className="pf-help pf-note" role="status" data-testid="credential-warning">
          {warning}
        </p>
      )}
      {!readOnly && connectorId !== '' && (
        <p className="pf-help">
          <a href={createCredentialHref(connectorId)} target="_blank" rel="noopener noreferrer">
            {isAdmin ? 'Create a credential' : 'Create a credential (an admin must create it)'}
          </a>{' '}
          <span className="muted">(opens in a new tab; this list is updated when you come back)</span>
        </p>
      )}
      <Problems id={`${id}-problems`} messages={problems} />
    </div>
  );
}
