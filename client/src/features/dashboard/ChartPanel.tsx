import { useId, useState, type ReactNode } from 'react';

/**
 * A dashboard chart's frame: its title, a "Table view" toggle that swaps the chart for
 * the same data as a table, a CSV link to the runs behind it, and an empty state.
 */
export function ChartPanel({
  title,
  description,
  csvHref,
  empty,
  emptyText = 'No runs in this range.',
  chart,
  table,
  wide = false,
}: {
  title: string;
  description?: string;
  csvHref?: string;
  empty: boolean;
  emptyText?: string;
  chart: () => ReactNode;
  table: () => ReactNode;
  wide?: boolean;
}) {
  const [asTable, setAsTable] = useState(false);
  const titleId = useId();
  return (
    <section className={`dash-panel${wide ? ' wide' : ''}`} aria-labelledby={titleId}>
      <header className="dash-panel-head">
        <h2 id={titleId}>{title}</h2>
        <div className="dash-panel-actions">
          <button type="button" aria-pressed={asTable && !empty} onClick={() => setAsTable((v) => !v)} disabled={empty}>
            Table view
          </button>
          {csvHref && (
            <a className="button" href={csvHref} download aria-label={`CSV of the runs behind ${title}`}>
              CSV
            </a>
          )}
        </div>
      </header>
      {description && <p className="muted dash-panel-desc">{description}</p>}
      {empty ? (
        <p className="dash-empty" role="status">
          {emptyText}
        </p>
      ) : asTable ? (
        table()
      ) : (
        <div className="dash-chart">{chart()}</div>
      )}
    </section>
  );
}
