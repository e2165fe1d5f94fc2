import { useId } from 'react';
import { Problems } from '../panel/FieldShell';
import { useEditor } from '../store/context';

/**
 * The credential of a connector step: the credentials of that connector (live or test),
 * by name. None yet: only an admin can create one (there is no credentials page in this
 * client), so the form says so.
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
  const known = mine.some((c) => c.name === value);
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
            {c.name} ({c.mode})
          </option>
        ))}
        {value !== '' && !known && <option value={value}>{value} (not found)</option>}
      </select>
      <p id={`${id}-help`} className="pf-help">
        {status === 'ready' && all === undefined
          ? 'The credentials could not be loaded.'
          : status === 'ready' && mine.length === 0
            ? `No credential exists for ${connectorId} yet: an admin must create one (Credentials, admin only).`
            : 'Test credentials are used by simulations; live ones by real runs.'}
      </p>
      <Problems id={`${id}-problems`} messages={problems} />
    </div>
  );
}
