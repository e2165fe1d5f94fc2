import { interopApi, type CacaoImportResult, type WorkflowImportResult } from '@autonomic/api';
import { api, urlOf } from '../../api/client';

export type { CacaoImportResult, ImportReport, ImportReportEntry, WorkflowImportResult } from '@autonomic/api';

/** Imports a CACAO 2.0 playbook as a draft, in a new workflow or (with `workflowId`) in an existing one. */
export function importCacao(playbook: Record<string, unknown>, workflowId?: string): Promise<CacaoImportResult> {
  return api(interopApi.importCacao, { body: { playbook, ...(workflowId ? { workflowId } : {}) } });
}

/** The link that downloads a version as a CACAO 2.0 playbook (the session cookie goes with it). */
export function cacaoExportHref(workflowId: string, number: number): string {
  return urlOf(interopApi.exportCacao, { params: { id: workflowId, number } });
}

/** Imports a workflow file of our own (document, test cases, pinned connectors) as a draft. */
export function importWorkflowFile(file: Record<string, unknown>, workflowId?: string): Promise<WorkflowImportResult> {
  return api(interopApi.importWorkflow, { body: { file, ...(workflowId ? { workflowId } : {}) } });
}

/** The link that downloads a version as a workflow file of our own. */
export function fileExportHref(workflowId: string, number: number): string {
  return urlOf(interopApi.exportWorkflow, { params: { id: workflowId, number } });
}
