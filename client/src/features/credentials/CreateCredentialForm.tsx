import type { ConnectorSummary, CredentialInfo, CredentialMode } from '@autonomic/api';
import type { ConnectorDefinition } from '@autonomic/workflow';
import { useEffect, useState, type FormEvent } from 'react';
import { createCredential, getConnector } from './api';
import { fieldErrorsOf, type FieldErrors } from './fieldErrors';
import { FormField } from './FormField';
import { connectorLabel, settingFields, VALUE_HELP } from './settingsFields';

/**
 * A new credential: name, connector, mode, the secret (a password field, cleared once sent
 * and never shown again), the connector's settings and an optional base URL. The server's
 * refusals are shown under the fields at fault.
 */
export function CreateCredentialForm({
  connectors,
  initialConnector,
  onCreated,
  onCancel,
}: {
  connectors: readonly ConnectorSummary[];
  initialConnector: string;
  onCreated(credential: CredentialInfo): void;
  onCancel(): void;
}) {
  const [name, setName] = useState('');
  const [connectorId, setConnectorId] = useState(initialConnector);
  const [mode, setMode] = useState<CredentialMode>('test');
  const [value, setValue] = useState('');
  const [baseUrl, setBaseUrl] = useState('');
  const [settings, setSettings] = useState<Record<string, string>>({});
  const [def, setDef] = useState<ConnectorDefinition | undefined>();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    setDef(undefined);
    if (!connectorId) return;
    let live = true;
    getConnector(connectorId).then(
      (d) => {
        if (!live) return;
        setDef(d);
        setSettings(Object.fromEntries(settingFields(d).map((f) => [f.key, f.default])));
      },
      (e: unknown) => live && setErrors(fieldErrorsOf(e)),
    );
    return () => {
      live = false;
    };
  }, [connectorId]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    try {
      const filled = Object.fromEntries(Object.entries(settings).filter(([, v]) => v !== ''));
      const created = await createCredential({
        name,
        connectorId,
        mode,
        value,
        settings: filled,
        ...(baseUrl.trim() ? { baseUrl: baseUrl.trim() } : {}),
      });
      setValue('');
      onCreated(created);
    } catch (err) {
      setErrors(fieldErrorsOf(err));
    } finally {
      setBusy(false);
    }
  }

  const fields = settingFields(def);
  const drawn = new Set([
    'name',
    'connectorId',
    'mode',
    'value',
    'baseUrl',
    'settings',
    ...fields.map((f) => `settings.${f.key}`),
  ]);
  // What the server named but no field here shows (e.g. a setting this form does not draw).
  const elsewhere = Object.entries(errors).flatMap(([k, ms]) =>
    k === 'form' ? ms : drawn.has(k) ? [] : ms.map((m) => `${k}: ${m}`),
  );
  return (
    <form className="cred-form" aria-label="New credential" onSubmit={(e) => void submit(e)} noValidate>
      <h2>New credential</h2>
      <FormField label="Name" errors={errors['name']} help="lower-case letters and digits, words joined by - or _">
        {(p) => <input {...p} type="text" value={name} onChange={(e) => setName(e.target.value)} required />}
      </FormField>
      <FormField label="Connector" errors={errors['connectorId']}>
        {(p) => (
          <select {...p} value={connectorId} onChange={(e) => setConnectorId(e.target.value)} required>
            <option value="">— choose a connector —</option>
            {connectors.map((c) => (
              <option key={c.id} value={c.id}>
                {connectorLabel(c)}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <FormField
        label="Mode"
        errors={errors['mode']}
        help="Test credentials are used by simulations; live ones by real runs."
      >
        {(p) => (
          <select {...p} value={mode} onChange={(e) => setMode(e.target.value === 'live' ? 'live' : 'test')}>
            <option value="test">test</option>
            <option value="live">live</option>
          </select>
        )}
      </FormField>
      <FormField
        label="Secret value"
        errors={errors['value']}
        help={`${def ? VALUE_HELP[def.auth.type] : ''} Stored encrypted; never shown again.`.trim()}
      >
        {(p) => (
          <input
            {...p}
            type="password"
            autoComplete="new-password"
            value={value}
            onChange={(e) => setValue(e.target.value)}
            required
          />
        )}
      </FormField>
      {fields.length > 0 && (
        <fieldset>
          <legend>{def?.name} settings</legend>
          {fields.map((f) => (
            <FormField
              key={f.key}
              label={`${f.title}${f.required ? ' *' : ''}`}
              errors={errors[`settings.${f.key}`]}
              help={f.description}
            >
              {(p) => (
                <input
                  {...p}
                  type="text"
                  value={settings[f.key] ?? ''}
                  onChange={(e) => setSettings({ ...settings, [f.key]: e.target.value })}
                  required={f.required}
                />
              )}
            </FormField>
          ))}
          {errors['settings'] && <p className="error">{errors['settings'].join('; ')}</p>}
        </fieldset>
      )}
      <FormField
        label="Base URL override"
        errors={errors['baseUrl']}
        help={def ? `Optional; the connector's own is ${def.baseUrl}` : 'Optional: an on-premises address.'}
      >
        {(p) => <input {...p} type="url" value={baseUrl} onChange={(e) => setBaseUrl(e.target.value)} />}
      </FormField>
      {elsewhere.length > 0 && (
        <p role="alert" className="error">
          {elsewhere.join('; ')}
        </p>
      )}
      <div className="cred-actions">
        <button type="submit" disabled={busy}>
          {busy ? 'Creating…' : 'Create credential'}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
