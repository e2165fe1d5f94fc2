import type { OpenApiPreview } from '@autonomic/api';
import { openApiPlace } from './openApiPlace';

/** Where the connector would send requests, how it would sign them, and what the document has that cannot be used. */
export function PreviewSummary({ preview }: { preview: OpenApiPreview }) {
  return (
    <section aria-label="What the document offers" data-testid="preview-summary">
      <h2>
        {preview.title} {preview.version && <span className="muted">{preview.version}</span>}
      </h2>
      <dl className="import-facts">
        <dt>Base URL</dt>
        <dd>{preview.baseUrl ?? 'none usable'}</dd>
        {preview.settings.length > 0 && (
          <>
            <dt>Credential settings</dt>
            <dd>{preview.settings.join(', ')}</dd>
          </>
        )}
        <dt>Authentication</dt>
        <dd>
          {preview.auth.schemes.length === 0
            ? 'none declared'
            : preview.auth.schemes.map((s) => (
                <div key={s.name}>
                  {s.name === preview.auth.chosen ? '✔ ' : ''}
                  {s.name} ({s.type}): {s.supported ? s.detail : `not supported — ${s.detail}`}
                </div>
              ))}
        </dd>
      </dl>
      {preview.problems.length > 0 && (
        <ul aria-label="Problems of the document" className="import-notes">
          {preview.problems.map((p) => (
            <li key={`${p.path} ${p.message}`}>
              {openApiPlace(p.path)}: {p.message}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
