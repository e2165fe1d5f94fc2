import { useSearchParams } from 'react-router';
import { useAsync } from '../versions/useAsync';
import { listWorkflows } from '../workflows/api';
import { filtersFromSearch } from './filters';
import { RunFiltersBar } from './RunFiltersBar';
import { RunsTable } from './RunsTable';
import { StreamIndicator } from './StreamIndicator';
import { useRunEvents } from './useRunEvents';
import { useRunsList } from './useRunsList';
import './runs.css';

/** `/runs`: every run, filtered, newest first, updated live. */
export function RunsPage() {
  const [search, setSearch] = useSearchParams();
  const filters = filtersFromSearch(search);
  const key = search.toString();
  const workflows = useAsync(() => listWorkflows({}), 'all');
  const list = useRunsList(filters, key);
  const stream = useRunEvents(
    filters.workflowId ? `/api/runs/events?workflowId=${filters.workflowId}` : '/api/runs/events',
    {
      onRun: list.onRun,
      onReconnect: list.reload,
    },
  );

  const change = (k: string, v: string) => {
    const next = new URLSearchParams(search);
    if (v) next.set(k, v);
    else next.delete(k);
    setSearch(next, { replace: true });
  };

  return (
    <section aria-labelledby="runs-title">
      <div className="page-head">
        <h1 id="runs-title">Runs</h1>
        <StreamIndicator state={stream} />
      </div>
      <RunFiltersBar search={search} workflows={workflows.data?.workflows ?? []} onChange={change} />
      {list.error && <p role="alert">{list.error.message}</p>}
      {list.runs.length === 0 && !list.loading && !list.error && <p>No runs match.</p>}
      {list.runs.length > 0 && <RunsTable runs={list.runs} flash={list.flash} />}
      <p>
        {list.loading && <span aria-busy="true">Loading…</span>}
        {list.hasMore && !list.loading && (
          <button type="button" onClick={list.loadMore} data-testid="load-more">
            Load more
          </button>
        )}
      </p>
    </section>
  );
}
