import { useState } from 'react';
import { ApiError } from '../../api/client';
import { importCacao, importWorkflowFile } from './api';
import { ImportResultView, type Imported } from './ImportResultView';
import { ImportSource } from './ImportSource';
import { parseFile } from './parseFile';
import './interop.css';

/** The server's refusal, as a sentence (its message names the element; never a code or a stack). */
function refusal(e: unknown): string {
  const text = e instanceof ApiError || e instanceof Error ? e.message : String(e);
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * `/workflows/import`: a CACAO 2.0 playbook or a workflow file exported from Autonomic (file or
 * pasted, told apart by their content) becomes a draft version, in a new workflow or an
 * existing one; a playbook's import report says what became of each element.
 */
export function ImportPage() {
  const [text, setText] = useState('');
  const [target, setTarget] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<Imported | null>(null);

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
      const workflowId = target || undefined;
      setResult(
        parsed.kind === 'cacao'
          ? { kind: 'cacao', result: await importCacao(parsed.playbook, workflowId) }
          : { kind: 'workflow', result: await importWorkflowFile(parsed.file, workflowId) },
      );
    } catch (e) {
      setError(refusal(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="import-title">
      <div className="page-head">
        <h1 id="import-title">Import a playbook</h1>
      </div>
      <p>
        A CACAO 2.0 playbook, or a workflow file exported from Autonomic, becomes a draft workflow version. Nothing runs
        until the draft is reviewed and published.
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
      {result && <ImportResultView imported={result} />}
    </section>
  );
}
