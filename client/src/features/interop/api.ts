import { interopApi, type CacaoImportResult } from '@autonomic/api';
import { api, urlOf } from '../../api/client';

export type { CacaoImportResult, ImportReport, ImportReportEntry } from '@autonomic/api';

/** Imports a CACAO 2.0 playbook as a draft, in a new workflow or (with `workflowId`) in an existing one. */
export function importCacao(playbook: Record<string, unknown>, workflowId?: string): Promise<CacaoImportResult> {
  return api(interopApi.importCacao, { body: { playbook, ...(workflowId ? { workflowId } : {}) } });
}

/** The link that downloads a version as a CACAO 2.0 playbook (the session cookie goes with it). */
export function cacaoExportHref(workflowId: string, number: number): string {
  return urlOf(interopApi.exportCacao, { params: { id: workflowId, number } });
}
