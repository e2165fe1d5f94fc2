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

/** The `kind` of a workflow file of our own (§5), told apart from a CACAO playbook (`type: "playbook"`). */
export const WORKFLOW_FILE_KIND = 'autonomic.workflow';

/**
 * A workflow as a file of our own: the version's document (its test cases are in it) and the
 * connector versions it pins. `formatVersion` is the document's format version; an older one
 * is migrated on import.
 */
export const WorkflowFile = z.object({
  kind: z.literal(WORKFLOW_FILE_KIND),
  formatVersion: z.number().int().min(1),
  exportedAt: z.string(),
  document: z.record(z.string(), z.unknown()),
  connectors: z.array(z.object({ id: z.string(), version: z.string() })),
});
export type WorkflowFile = z.infer<typeof WorkflowFile>;

export const WorkflowImportBody = z
  .object({
    /** The file as parsed JSON; the server checks it and says in words what is wrong with it. */
    file: z.record(z.string(), z.unknown()),
    /** Import as a new draft of this workflow (by id or slug) instead of creating a workflow. */
    workflowId: WorkflowRef.optional(),
  })
  .strict();
export type WorkflowImportBody = z.infer<typeof WorkflowImportBody>;

export const WorkflowImportResult = z.object({
  workflowId: z.uuid(),
  version: z.object({ id: z.uuid(), number: z.number().int() }),
  /** False when the workflow already had a version with exactly this content. */
  created: z.boolean(),
  /** What the draft still needs before it can be published (validation problems). */
  problems: z.array(Problem),
  /** In words, e.g. a pinned connector version that is not installed here. */
  warnings: z.array(z.string()),
});
export type WorkflowImportResult = z.infer<typeof WorkflowImportResult>;

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
  importWorkflow: defineRoute({
    method: 'post',
    path: '/workflows/import',
    summary: 'Import a workflow file of our own as a draft version (new or existing workflow)',
    tag,
    access: ['analyst', 'admin'],
    body: WorkflowImportBody,
    response: WorkflowImportResult,
    status: 201,
  }),
  exportWorkflow: defineRoute({
    method: 'get',
    path: '/workflows/:id/versions/:number/export',
    summary: 'A version as a workflow file of our own (a JSON attachment: document, test cases, pinned connectors)',
    tag,
    access: 'authenticated',
    params: WorkflowVersionParams,
    response: WorkflowFile,
  }),
} as const;
