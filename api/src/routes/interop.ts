/**
 * Interoperability: OASIS CACAO 2.0 playbooks in and out (issue 17 §3, §4). An import
 * creates a draft version (in a new workflow or an existing one) and answers the import
 * report: each CACAO element mapped, approximated (how) or unsupported (why).
 */
import { z } from 'zod';
import { defineRoute } from '../contract';
import { Problem, WorkflowRef, WorkflowVersionParams } from './common';

export const ImportReportEntry = z.object({
  /** Where the element is in the CACAO file, as a JSON pointer (`/workflow/action--…/commands/0`). */
  pointer: z.string(),
  kind: z.string(),
  status: z.enum(['mapped', 'approximated', 'unsupported']),
  /** In words: how it was mapped or approximated, or why it is unsupported. */
  message: z.string(),
  /** The step of the draft it became. */
  nodeId: z.string().optional(),
});
export type ImportReportEntry = z.infer<typeof ImportReportEntry>;

export const ImportReport = z.object({
  entries: z.array(ImportReportEntry),
  counts: z.object({ mapped: z.number().int(), approximated: z.number().int(), unsupported: z.number().int() }),
});
export type ImportReport = z.infer<typeof ImportReport>;

export const CacaoImportBody = z
  .object({
    /** The CACAO 2.0 playbook, as parsed JSON. */
    playbook: z.record(z.string(), z.unknown()),
    /** Import as a new draft of this workflow (by id or slug) instead of creating a workflow. */
    workflowId: WorkflowRef.optional(),
  })
  .strict();
export type CacaoImportBody = z.infer<typeof CacaoImportBody>;

export const CacaoImportResult = z.object({
  workflowId: z.uuid(),
  version: z.object({ id: z.uuid(), number: z.number().int() }),
  /** False when the workflow already had a version with exactly this content. */
  created: z.boolean(),
  /** What the draft still needs before it can be published (validation problems). */
  problems: z.array(Problem),
  report: ImportReport,
});
export type CacaoImportResult = z.infer<typeof CacaoImportResult>;

/** A CACAO 2.0 playbook as JSON (checked against the OASIS schemas in the tests). */
export const CacaoPlaybookJson = z.record(z.string(), z.unknown());

const tag = 'interop';

export const interopApi = {
  importCacao: defineRoute({
    method: 'post',
    path: '/workflows/import/cacao',
    summary: 'Import a CACAO 2.0 playbook as a draft version (new or existing workflow), with the import report',
    tag,
    access: ['analyst', 'admin'],
    body: CacaoImportBody,
    response: CacaoImportResult,
    status: 201,
  }),
  exportCacao: defineRoute({
    method: 'get',
    path: '/workflows/:id/versions/:number/export/cacao',
    summary: 'A version as a CACAO 2.0 playbook (a JSON attachment)',
    tag,
    access: 'authenticated',
    params: WorkflowVersionParams,
    response: CacaoPlaybookJson,
  }),
} as const;
