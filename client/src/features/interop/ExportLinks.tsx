import { cacaoExportHref, fileExportHref } from './api';

/**
 * Download links of one version as a file: a CACAO 2.0 playbook, or a workflow file of our
 * own (document, test cases, pinned connectors). The session cookie authenticates the download.
 */
export function ExportLinks({ workflowId, number }: { workflowId: string; number: number }) {
  return (
    <>
      <a href={cacaoExportHref(workflowId, number)} download data-testid={`export-cacao-${number}`}>
        Export as CACAO 2.0
      </a>
      <a href={fileExportHref(workflowId, number)} download data-testid={`export-file-${number}`}>
        Export (Autonomic file)
      </a>
    </>
  );
}
