import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { getWorkflow, listVersions } from './api';
import { DiffView } from './DiffView';
import { useAsync } from './useAsync';
import { useDiffData } from './useDiffData';

function parseFrom(v: string | null): number | 'published' | null {
  if (v === 'published') return 'published';
  const n = Number(v);
  return Number.isInteger(n) && n > 0 ? n : null;
}

/** `/workflows/:id/diff?from=<n|published>&to=<n>`: two versions compared on the canvas. */
export function DiffPage() {
  const { id = '' } = useParams();
  const [search, setSearch] = useSearchParams();
  const from = parseFrom(search.get('from')) ?? 'published';
  const toParam = parseFrom(search.get('to'));
  const meta = useAsync(async () => {
    const [workflow, { versions }] = await Promise.all([getWorkflow(id), listVersions(id)]);
    return { workflow, versions };
  }, id);
  const to = typeof toParam === 'number' ? toParam : (meta.data?.versions[0]?.number ?? null);
  const data = useDiffData(id, from, to);
  // A draft (an upgrade just made, say) goes on to review from here.
  const toDraft = meta.data?.versions.find((v) => v.number === to)?.status === 'draft';
  const [selected, setSelected] = useState<string | null>(null);

  const choose = (key: 'from' | 'to', value: string) => {
    const next = new URLSearchParams(search);
    next.set(key, value);
    if (!next.get('to') && to !== null) next.set('to', String(to));
    setSearch(next);
  };

  return (
    <section aria-labelledby="diff-title">
      <div className="page-head">
        <h1 id="diff-title">{meta.data?.workflow.name ?? 'Workflow'}: compare versions</h1>
        <div className="actions">
          {toDraft && <Link to={`/workflows/${id}/versions/${to}/review`}>Request review of v{to}</Link>}
          <Link to={`/workflows/${id}/versions`}>Version history</Link>
        </div>
      </div>
      {meta.data && (
        <div className="toolbar">
          <label>
            From
            <select value={String(from)} onChange={(e) => choose('from', e.target.value)} data-testid="diff-from">
              <option value="published">
                published{meta.data.workflow.published ? ` (v${meta.data.workflow.published.number})` : ''}
              </option>
              {meta.data.versions.map((v) => (
                <option key={v.number} value={v.number}>
                  v{v.number} · {v.status.replace('_', ' ')}
                </option>
              ))}
            </select>
          </label>
          <label>
            To
            <select value={to ?? ''} onChange={(e) => choose('to', e.target.value)} data-testid="diff-to">
              {meta.data.versions.map((v) => (
                <option key={v.number} value={v.number}>
                  v{v.number} · {v.status.replace('_', ' ')}
                </option>
              ))}
            </select>
          </label>
          {data.data && (
            <span className="muted">
              v{data.data.from} → v{data.data.to}
            </span>
          )}
        </div>
      )}
      {(meta.error ?? data.error) && <p role="alert">{(meta.error ?? data.error)?.message}</p>}
      {data.loading && !data.data && <p aria-busy="true">Loading…</p>}
      {data.data && (
        <DiffView
          diff={data.data.diff}
          fromGraph={data.data.fromGraph}
          toGraph={data.data.toGraph}
          selectedNodeId={selected}
          onSelectNode={setSelected}
        />
      )}
    </section>
  );
}
