import { useEffect, useMemo, useState } from 'react';
import { useAuth } from '../../auth/store';
import type { DashboardWorkflow } from '@autonomic/api';
import { listDashboardWorkflows, type DashboardFilter } from './api';
import { ApprovalsPanel } from './ApprovalsPanel';
import { AutomationPanel } from './AutomationPanel';
import { ConnectorHealthPanel } from './ConnectorHealthPanel';
import { DashboardFilters } from './DashboardFilters';
import { ContainChart, DurationsChart } from './DurationsChart';
import { FailingStepsChart } from './FailingStepsChart';
import { rangeOf, type RangeChoice } from './format';
import { RunsChart } from './RunsChart';
import { SloPanel } from './SloPanel';
import { BurnWarning, SummaryCards } from './SummaryCards';
import { TimeSavedChart } from './TimeSavedChart';
import { useDashboard } from './useDashboard';
import './dashboard.css';

/**
 * Managers' dashboard: is automation working, and what does it save (measured). Managers
 * and admins see every workflow; others the workflows they own or review (the server
 * decides). Every chart has a table view and a CSV link to the runs behind it.
 */
export function DashboardPage() {
  const role = useAuth((s) => s.user?.role);
  const [choice, setChoice] = useState<RangeChoice>({ preset: '7d' });
  const [workflowId, setWorkflowId] = useState('');
  const [workflows, setWorkflows] = useState<DashboardWorkflow[]>([]);
  // Presets are relative to when they were chosen; picking one again refreshes "now".
  const [now, setNow] = useState(() => Date.now());
  const range = useMemo(() => rangeOf(choice, now), [choice, now]);
  const filter: DashboardFilter = useMemo(
    () => ({ ...range, ...(workflowId ? { workflowId } : {}) }),
    [range, workflowId],
  );
  const { state, reload } = useDashboard(filter);

  useEffect(() => {
    listDashboardWorkflows()
      .then((r) => setWorkflows(r.workflows))
      .catch(() => setWorkflows([]));
  }, []);

  const data = state.data;
  return (
    <section aria-labelledby="dash-title" className="dash">
      <div className="page-head">
        <h1 id="dash-title">Dashboard</h1>
        <span className="muted" aria-live="polite">
          {state.status === 'loading' ? 'Loading…' : state.status === 'ready' ? `Updated in ${state.ms} ms` : ''}
        </span>
      </div>
      <DashboardFilters
        choice={choice}
        range={range}
        onChoice={(c) => {
          setNow(Date.now());
          setChoice(c);
        }}
        workflows={workflows}
        workflowId={workflowId}
        onWorkflow={setWorkflowId}
      />
      {state.status === 'error' && (
        <p role="alert" className="error">
          Could not load the dashboard: {state.message}
        </p>
      )}
      {!data && state.status === 'loading' && <p aria-busy="true">Loading…</p>}
      {data && (
        <div aria-busy={state.status === 'loading'}>
          <BurnWarning data={data} />
          <SummaryCards data={data} />
          <div className="dash-grid">
            <RunsChart data={data.runs} filter={filter} />
            <TimeSavedChart data={data.saved} filter={filter} />
            <ContainChart data={data.contain} filter={filter} />
            <DurationsChart rows={data.durations.workflows} filter={filter} />
            <FailingStepsChart steps={data.failing.steps} filter={filter} />
            <ApprovalsPanel data={data.approvals} filter={filter} />
            <AutomationPanel rows={data.automation.workflows} />
            <SloPanel slos={data.slos.slos} canEdit={role === 'manager' || role === 'admin'} onChanged={reload} />
            <ConnectorHealthPanel />
          </div>
        </div>
      )}
    </section>
  );
}
