import { cacaoExportHref } from './api';

/** Download links of one version as a file: a CACAO 2.0 playbook (the session cookie authenticates the download). */
export function ExportLinks({ workflowId, number }: { workflowId: string; number: number }) {
  return (
    <a href={cacaoExportHref(workflowId, number)} download data-testid={`export-cacao-${number}`}>
      Export as CACAO 2.0
    </a>
  );
}
