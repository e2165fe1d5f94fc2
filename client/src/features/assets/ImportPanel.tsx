import { useState, type FormEvent } from 'react';
import { ApiError } from '../../api/client';
import { problemWords } from '../../api/problems';
import { importAssets } from './api';

interface Props {
  onImported(summary: string): void;
  onCancel(): void;
  /** What is imported (the form's name, e.g. "Import safety entries"). @default 'Import assets' */
  label?: string;
  /** The header row the file must have. @default the asset inventory's */
  header?: string;
  /** How rows are matched and what else to know about the columns. */
  hint?: string;
  /** Sends the CSV. @default the asset import */
  send?(csv: string): Promise<{ created: number; updated: number; rows: number }>;
}

const HEADER = 'kind,value,criticality,owner,business_service,tags';
const ASSET_HINT = 'Tags separated by ;. Rows are matched by kind and value: a known asset is updated.';

/** Where in the file a problem is, in words: `body.csv.row 2.criticality` → "Row 2, column criticality". */
function placeWords(path: string): string {
  const [row, ...column] = path.replace(/^body\.csv\.?/, '').split('.');
  const where = [row ? row.charAt(0).toUpperCase() + row.slice(1) : 'The file'];
  if (column.length > 0) where.push(`column ${column.join('.')}`);
  return where.join(', ');
}

/**
 * Import a CSV, from a file or pasted: all rows or none. A refused file lists each bad
 * row and column in words ("Row 3, column criticality: …").
 */
export function ImportPanel({
  onImported,
  onCancel,
  label = 'Import assets',
  header = HEADER,
  hint = ASSET_HINT,
  send = importAssets,
}: Props) {
  const [text, setText] = useState('');
  const [problems, setProblems] = useState<{ path: string; message: string }[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setProblems([]);
    try {
      const r = await send(text);
      onImported(`Imported ${r.rows} rows: ${r.created} new, ${r.updated} updated.`);
    } catch (err) {
      setError(problemWords(err));
      if (err instanceof ApiError) setProblems(err.details);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="asset-import" aria-label={label} onSubmit={submit}>
      <p className="muted">
        Header row <code>{header}</code>. {hint} One bad row refuses the whole file.
      </p>
      <label>
        CSV file
        <input
          type="file"
          accept=".csv,text/csv"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void file.text().then(setText);
          }}
        />
      </label>
      <label>
        Or paste the CSV
        <textarea rows={8} value={text} onChange={(e) => setText(e.target.value)} />
      </label>
      {error && (
        <div role="alert" className="error">
          {/* The server's message names paths (body.csv.row 2…): the list below says it in words. */}
          <p>{problems.length > 0 ? 'The file was refused; nothing was imported.' : error}</p>
          {problems.length > 0 && (
            <ul aria-label="Row errors">
              {problems.map((p) => (
                <li key={`${p.path}:${p.message}`}>
                  {placeWords(p.path)}: {p.message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      <button type="submit" disabled={busy || text.trim() === ''}>
        Import
      </button>
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
    </form>
  );
}
