import { useState } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../../api/client';
import { importCacao, type CacaoImportResult } from './api';
import { ImportReportView } from './ImportReportView';
import { ImportSource } from './ImportSource';
import { parseFile } from './parseFile';
import './interop.css';

/** The server's refusal, as a sentence (its message names the element; never a code or a stack). */
function refusal(e: unknown): string {
  const text = e instanceof ApiError || e instanceof Error ? e.message : String(e);
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * `/workflows/import`: a CACAO 2.0 playbook (file or pasted) becomes a draft version, in a
 * new workflow or an existing one; the import report says what became of each element.
 */
export function ImportPage() {
  const [text, setText] = useState('');
  const [target, setTarget] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<CacaoImportResult | null>(null);

  const run = async () => {
    setError(null);
    setResult(null);
    const parsed = parseFile(text);
    if (parsed.kind === 'problem') {
      setError(parsed.message);
      return;
    }
    setBusy(true);
    try {
      setResult(await importCacao(parsed.playbook, target || undefined));
    } catch (e) {
      setError(refusal(e));
    } finally {
      setBusy(false);
    }
  };

  const draftHref = result ? `/workflows/${result.workflowId}/versions/${result.version.number}` : '';
  return (
    <section aria-labelledby="import-title">
      <div className="page-head">
        <h1 id="import-title">Import a playbook</h1>
      </div>
      <p>
        A CACAO 2.0 playbook becomes a draft workflow version. Nothing runs until the draft is reviewed and published.
      </p>
      <ImportSource
        text={text}
        onText={setText}
        target={target}
        onTarget={setTarget}
        onImport={() => void run()}
        busy={busy}
      />
      {error && (
        <p role="alert" className="error" data-testid="import-error">
          {error}
        </p>
      )}
      {result && (
        <div data-testid="import-result">
          <p role="status">
            {result.created
              ? `Imported as draft version ${result.version.number}.`
              : `This workflow already has version ${result.version.number} with exactly this content: nothing new was saved.`}{' '}
            <Link className="button primary" to={draftHref}>
              Open the draft
            </Link>
          </p>
          {result.problems.length > 0 && (
            <div>
              <h2>What the draft still needs before it can be published</h2>
              <ul>
                {result.problems.map((p, i) => (
                  <li key={i}>{p.message}</li>
                ))}
              </ul>
            </div>
          )}
          <ImportReportView report={result.report} />
        </div>
      )}
    </section>
  );
}
