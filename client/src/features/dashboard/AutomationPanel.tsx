import type { AutomationRow } from '@autonomic/api';
import { DataTable } from './DataTable';
import { AUTOMATION_LABELS, count, percent } from './format';

const share = (part: number, whole: number) => (whole === 0 ? null : part / whole);

/** How automated each workflow is, measured from how its runs started and whether they waited for people. */
export function AutomationPanel({ rows }: { rows: AutomationRow[] }) {
  return (
    // Full width: six columns beside another panel were cut off at 1280 px.
    <section className="dash-panel wide" aria-labelledby="dash-automation">
      <header className="dash-panel-head">
        <h2 id="dash-automation">Automation level</h2>
      </header>
      <p className="muted dash-panel-desc">
        Measured from the runs in range: manually triggered when half or more were started by hand; approval-gated when
        runs waited for an approval; fully autonomous when they acted destructively without one; otherwise automatically
        triggered.
      </p>
      <DataTable
        caption="Automation level per workflow"
        rows={rows}
        rowKey={(r) => r.workflowId}
        columns={[
          { header: 'Workflow', cell: (r) => r.name },
          {
            header: 'Level',
            cell: (r) =>
              r.level ? (
                <span className={`badge dash-level-${r.level}`}>{AUTOMATION_LABELS[r.level]}</span>
              ) : (
                <span className="muted">no runs</span>
              ),
          },
          { header: 'Runs', cell: (r) => count(r.runs), numeric: true },
          { header: 'Started by hand', cell: (r) => percent(share(r.manual, r.runs), 0), numeric: true },
          { header: 'Approval-gated', cell: (r) => percent(share(r.gated, r.runs), 0), numeric: true },
          { header: 'Autonomous action', cell: (r) => percent(share(r.autonomous, r.runs), 0), numeric: true },
        ]}
      />
    </section>
  );
}
