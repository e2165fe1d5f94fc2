import { secretsApi } from '@autonomic/api';
import { useEffect, useState, type ReactNode } from 'react';
import { api } from '../../api/client';

/** The stored secrets' names, read once per page; null when they could not be listed. */
let names: Promise<string[] | null> | undefined;
const loadNames = () =>
  (names ??= api(secretsApi.names).then(
    (r) => r.secrets.map((s) => s.name).sort((a, b) => a.localeCompare(b)),
    () => {
      names = undefined; // retried next time a field mounts
      return null;
    },
  ));

/** Tests only: forget the cached names. */
export function resetSecretNamesCache(): void {
  names = undefined;
}

interface Props {
  id: string;
  value: string;
  onChange(name: string): void;
  readOnly: boolean;
  describedBy: string | undefined;
  invalid: boolean;
  /** Drawn instead when the names cannot be listed: the step keeps working with a typed name. */
  fallback: ReactNode;
}

/**
 * A secret named by an HTTP step (`auth.secret`), picked from the names stored on the
 * server (`GET /secrets/names`: names only, never values). A name that is not stored stays
 * shown, marked; with none stored the help says an admin stores them.
 */
export function SecretSelect({ id, value, onChange, readOnly, describedBy, invalid, fallback }: Props) {
  const [all, setAll] = useState<string[] | null | undefined>(undefined);
  useEffect(() => {
    let live = true;
    void loadNames().then((n) => live && setAll(n));
    return () => {
      live = false;
    };
  }, []);
  if (all === null) return fallback;
  const known = all?.includes(value) ?? true;
  return (
    <div className="pf-secret-pick">
      <select
        id={id}
        className="pf-input"
        value={value}
        disabled={readOnly || all === undefined}
        aria-describedby={describedBy}
        aria-invalid={invalid || (!known && value !== '') || undefined}
        onChange={(e) => onChange(e.target.value)}
      >
        <option value="" disabled>
          {all === undefined ? 'Loading the secrets…' : 'Choose a secret…'}
        </option>
        {value !== '' && !known && <option value={value}>{value} (not stored)</option>}
        {(all ?? []).map((n) => (
          <option key={n} value={n}>
            {n}
          </option>
        ))}
      </select>
      {all !== undefined && all.length === 0 && (
        <p className="pf-help">No secret is stored yet: ask an admin to store one.</p>
      )}
      {value !== '' && !known && (
        <p className="pf-help pf-note">
          No secret named {value} is stored: the step fails when it runs. Pick another, or ask an admin to store it.
        </p>
      )}
    </div>
  );
}
