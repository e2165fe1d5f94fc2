import { OPENAPI_DOCUMENT_MAX } from '@autonomic/api';
import { useState, type FormEvent } from 'react';
import { FormField } from '../credentials/FormField';

/** A file's text (FileReader: what every browser, and jsdom, offers). */
function readText(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('unreadable'));
    reader.readAsText(file);
  });
}

/**
 * The OpenAPI document, pasted or read from a file (JSON or YAML); "Preview" sends it.
 * A file is read here, in the browser: the server never fetches a document from a URL.
 */
export function DocumentSource({
  text,
  onText,
  onPreview,
  busy,
  errors,
}: {
  text: string;
  onText(text: string): void;
  onPreview(): void;
  busy: boolean;
  errors?: readonly string[] | undefined;
}) {
  const [fileError, setFileError] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onPreview();
  };
  const upload = async (file: File | undefined) => {
    setFileError(null);
    if (!file) return;
    if (file.size > OPENAPI_DOCUMENT_MAX) {
      setFileError(`${file.name} is larger than ${OPENAPI_DOCUMENT_MAX} bytes`);
      return;
    }
    try {
      onText(await readText(file));
    } catch (e) {
      setFileError(`${file.name} could not be read: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  return (
    <form aria-label="OpenAPI document" className="cred-form" onSubmit={submit}>
      <FormField
        label="OpenAPI document (JSON or YAML)"
        errors={errors}
        help="OpenAPI 3.0 or 3.1, in one file: references to other files or URLs are refused, never fetched."
      >
        {(props) => (
          <textarea {...props} rows={12} value={text} spellCheck={false} onChange={(e) => onText(e.target.value)} />
        )}
      </FormField>
      <FormField label="Or upload a file" errors={fileError ? [fileError] : []}>
        {(props) => (
          <input
            {...props}
            type="file"
            accept=".json,.yaml,.yml,application/json,application/yaml"
            onChange={(e) => void upload(e.target.files?.[0])}
          />
        )}
      </FormField>
      <div className="cred-actions">
        <button type="submit" disabled={busy || text.trim() === ''}>
          {busy ? 'Reading…' : 'Preview'}
        </button>
      </div>
    </form>
  );
}
