import { OPENAPI_DOCUMENT_MAX } from '@autonomic/api';
import type { FormEvent } from 'react';
import { FormField } from '../credentials/FormField';
import { FileTextField } from '../shared/FileTextField';

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
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onPreview();
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
      <FileTextField
        label="Or upload a file"
        accept=".json,.yaml,.yml,application/json,application/yaml"
        max={OPENAPI_DOCUMENT_MAX}
        maxWords={`${OPENAPI_DOCUMENT_MAX} bytes`}
        onText={onText}
      />
      <div className="cred-actions">
        <button type="submit" disabled={busy || text.trim() === ''}>
          {busy ? 'Reading…' : 'Preview'}
        </button>
      </div>
    </form>
  );
}
