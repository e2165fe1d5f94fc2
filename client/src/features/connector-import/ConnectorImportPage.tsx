import type { OpenApiImportResult, OpenApiPreview } from '@autonomic/api';
import { useState, type FormEvent } from 'react';
import { useAuth } from '../../auth/store';
import { FormField } from '../credentials/FormField';
import '../credentials/credentials.css';
import { importOpenApi, previewOpenApi } from './api';
import { chosenOperations, initialChoice, type Choice } from './choices';
import { DocumentSource } from './DocumentSource';
import { ImportResult } from './ImportResult';
import { importErrorsOf, type ImportErrors } from './importErrors';
import { OperationRow } from './OperationRow';
import { PreviewSummary } from './PreviewSummary';
import './connector-import.css';

/**
 * `/admin/connectors/import`: a custom connector from a vendor's OpenAPI document. The
 * admin pastes or uploads it, previews its operations, ticks the ones to import with their
 * action id, effect and target, names the connector, and imports: the version is added as
 * any custom connector version is, so one with a destructive action waits for another
 * person's review. The result says which, and what the conversion approximated.
 */
export function ConnectorImportPage() {
  const canImport = useAuth((s) => s.user?.role) === 'admin';
  const [text, setText] = useState('');
  const [preview, setPreview] = useState<OpenApiPreview | null>(null);
  const [choices, setChoices] = useState<Record<string, Choice>>({});
  const [connector, setConnector] = useState({ id: '', name: '', version: '' });
  const [healthAction, setHealthAction] = useState('');
  const [errors, setErrors] = useState<ImportErrors>({});
  const [sent, setSent] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<OpenApiImportResult | null>(null);

  const runPreview = async () => {
    setBusy(true);
    setErrors({});
    setResult(null);
    try {
      const p = await previewOpenApi(text);
      setPreview(p);
      setChoices(Object.fromEntries(p.operations.map((op) => [op.key, initialChoice(op)])));
      const semver = /^\d+\.\d+\.\d+$/.test(p.version) ? p.version : '1.0.0';
      setConnector({ id: p.connectorId, name: p.title, version: semver });
      setHealthAction('');
    } catch (e) {
      setPreview(null);
      setErrors(importErrorsOf(e));
    } finally {
      setBusy(false);
    }
  };

  const operations = preview ? chosenOperations(preview.operations, choices) : [];
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    setSent(operations.map((o) => o.key));
    try {
      setResult(
        await importOpenApi({
          document: text,
          connector: { id: connector.id, name: connector.name, version: connector.version },
          operations,
          ...(healthAction ? { healthAction } : {}),
        }),
      );
    } catch (err) {
      setErrors(importErrorsOf(err));
    } finally {
      setBusy(false);
    }
  };
  /** The server's messages about an operation, found by its index in the request last sent. */
  const errorsOf = (key: string) => {
    const i = sent.indexOf(key);
    return i < 0 ? [] : errors[`operations.${i}`];
  };
  const readActions = operations.filter((o) => o.effect === 'read').map((o) => o.actionId ?? '');

  return (
    <section aria-labelledby="import-title" className="credentials-page connector-import-page">
      <h1 id="import-title">Import from OpenAPI</h1>
      <p className="muted">
        Make a custom connector from a vendor&apos;s OpenAPI 3 document. Nothing is stored until you import; a connector
        with a destructive action then waits for another person&apos;s review.
      </p>
      {!canImport ? (
        <p role="note" data-testid="admins-only">
          Only admins can import connectors.
        </p>
      ) : result ? (
        <>
          <ImportResult result={result} />
          <button type="button" onClick={() => setResult(null)}>
            Back to the operations
          </button>
        </>
      ) : (
        <>
          <DocumentSource
            text={text}
            onText={setText}
            onPreview={() => void runPreview()}
            busy={busy}
            errors={errors['document']}
          />
          {!preview && errors['form'] && (
            <p role="alert" className="error">
              {errors['form'].join('; ')}
            </p>
          )}
          {preview && (
            <form aria-label="Operations to import" onSubmit={(e) => void submit(e)}>
              <PreviewSummary preview={preview} />
              <table className="cred-table">
                <caption>Operations</caption>
                <thead>
                  <tr>
                    <th scope="col">Import</th>
                    <th scope="col">Operation</th>
                    <th scope="col">Action id</th>
                    <th scope="col">Effect</th>
                    <th scope="col">Target (param, kind)</th>
                  </tr>
                </thead>
                <tbody>
                  {preview.operations.map((op) => (
                    <OperationRow
                      key={op.key}
                      op={op}
                      choice={choices[op.key] ?? initialChoice(op)}
                      onChange={(c) => setChoices((all) => ({ ...all, [op.key]: c }))}
                      errors={errorsOf(op.key)}
                    />
                  ))}
                </tbody>
              </table>
              <div className="cred-form">
                <FormField label="Connector id" errors={errors['connector.id']} help="A slug such as acme-sentinel.">
                  {(props) => (
                    <input
                      {...props}
                      value={connector.id}
                      onChange={(e) => setConnector({ ...connector, id: e.target.value })}
                    />
                  )}
                </FormField>
                <FormField label="Name" errors={errors['connector.name']}>
                  {(props) => (
                    <input
                      {...props}
                      value={connector.name}
                      onChange={(e) => setConnector({ ...connector, name: e.target.value })}
                    />
                  )}
                </FormField>
                <FormField
                  label="Version"
                  errors={errors['connector.version']}
                  help="Semantic version, newer than any stored one."
                >
                  {(props) => (
                    <input
                      {...props}
                      value={connector.version}
                      onChange={(e) => setConnector({ ...connector, version: e.target.value })}
                    />
                  )}
                </FormField>
                <FormField label="Health action (test connection)" errors={errors['healthAction']}>
                  {(props) => (
                    <select {...props} value={healthAction} onChange={(e) => setHealthAction(e.target.value)}>
                      <option value="">none</option>
                      {readActions.map((id) => (
                        <option key={id} value={id}>
                          {id}
                        </option>
                      ))}
                    </select>
                  )}
                </FormField>
                {(errors['form'] ?? errors['operations']) && (
                  <p role="alert" className="error">
                    {[...(errors['form'] ?? []), ...(errors['operations'] ?? [])].join('; ')}
                  </p>
                )}
                <div className="cred-actions">
                  <button type="submit" disabled={busy || operations.length === 0}>
                    {busy ? 'Importing…' : `Import ${operations.length} operation${operations.length === 1 ? '' : 's'}`}
                  </button>
                </div>
              </div>
            </form>
          )}
        </>
      )}
    </section>
  );
}
