import { useState } from 'react';
import type { ImportReport } from './api';
import { STATUSES, STATUS_WORDS, whereInFile, type EntryStatus } from './reportWords';

/**
 * The import report: the counts first, then each CACAO element grouped by what became of
 * it (mapped; approximated, and how; not supported, and why), filtered by status.
 */
export function ImportReportView({ report }: { report: ImportReport }) {
  const [shown, setShown] = useState<EntryStatus | 'all'>('all');
  const groups = STATUSES.filter((s) => shown === 'all' || shown === s);
  return (
    <section aria-labelledby="import-report-title" className="import-report">
      <h2 id="import-report-title">Import report</h2>
      <ul className="import-counts" data-testid="import-counts">
        {STATUSES.map((s) => (
          <li key={s} className={`import-count import-${s}`}>
            <strong>{report.counts[s]}</strong> {STATUS_WORDS[s].toLowerCase()}
          </li>
        ))}
      </ul>
      <fieldset className="import-filter">
        <legend>Show</legend>
        {(['all', ...STATUSES] as const).map((s) => (
          <label key={s}>
            <input type="radio" name="import-filter" checked={shown === s} onChange={() => setShown(s)} />
            {s === 'all' ? 'Everything' : STATUS_WORDS[s]}
          </label>
        ))}
      </fieldset>
      {groups.map((s) => {
        const entries = report.entries.filter((e) => e.status === s);
        return (
          <section key={s} aria-labelledby={`import-group-${s}`} data-testid={`import-group-${s}`}>
            <h3 id={`import-group-${s}`}>
              {STATUS_WORDS[s]} ({entries.length})
            </h3>
            {entries.length === 0 ? (
              <p className="muted">Nothing.</p>
            ) : (
              <ul className="import-entries">
                {entries.map((e, i) => (
                  <li key={`${e.pointer}-${i}`} data-testid="import-entry" data-status={e.status}>
                    <span className="import-kind">{e.kind}</span> <span>{e.message}</span>
                    <div className="muted">In the file: {whereInFile(e.pointer)}</div>
                  </li>
                ))}
              </ul>
            )}
          </section>
        );
      })}
    </section>
  );
}
