import { Link } from 'react-router';
import type { CacaoImportResult, WorkflowImportResult } from './api';
import { ImportReportView } from './ImportReportView';

/** What an import made: a CACAO playbook's draft with its report, or a workflow file's draft with its warnings. */
export type Imported =
  { kind: 'cacao'; result: CacaoImportResult } | { kind: 'workflow'; result: WorkflowImportResult };

/** The draft made (or found unchanged), the link to open it, what it still needs, and the report or warnings. */
export function ImportResultView({ imported }: { imported: Imported }) {
  const { result } = imported;
  const href = `/workflows/${result.workflowId}/versions/${result.version.number}`;
  return (
    <div data-testid="import-result">
      <p role="status">
        {result.created
          ? `Imported as draft version ${result.version.number}.`
          : `This workflow already has version ${result.version.number} with exactly this content: nothing new was saved.`}{' '}
        <Link className="button primary" to={href}>
          Open the draft
        </Link>
      </p>
      {imported.kind === 'workflow' && imported.result.warnings.length > 0 && (
        <div data-testid="import-warnings">
          <h2>Warnings</h2>
          <ul>
            {imported.result.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </div>
      )}
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
      {imported.kind === 'cacao' && <ImportReportView report={imported.result.report} />}
    </div>
  );
}
