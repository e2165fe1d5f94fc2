/**
 * Workflow files of our own (issue 17 §5): a version's document (its test cases are in it)
 * and the connector versions it pins, moved between instances. An import checks the file,
 * migrates an older document format through the workflow services' save (which validates and
 * audits the version), creates a draft in a new or an existing workflow, and says in words
 * which pinned connector versions are not installed here.
 */
import {
  WORKFLOW_FILE_KIND,
  type Actor,
  type WorkflowFile,
  type WorkflowImportBody,
  type WorkflowImportResult,
} from '@autonomic/api';
import { FORMAT_VERSION, type ConnectorLookup } from '@autonomic/workflow';
import type { AppContext } from '../../context';
import { ConflictError, ValidationError } from '../../errors';
import { recordAudit } from '../audit';
import type { VersionService, WorkflowService } from '../workflows';
import { loadStored } from '../workflows/documents';
import { checkWorkflowFile, pinsOf, type Pin } from './workflow-file-check';

export interface WorkflowFileDeps {
  workflows: Pick<WorkflowService, 'create' | 'get'>;
  versions: Pick<VersionService, 'save' | 'get'>;
  /** The installed connectors: a pinned version missing here is a warning of the import. */
  connectors: ConnectorLookup;
}

/** A document the save refuses: the file is bad, said in words (the detail names the file). */
function refusedDocument(e: unknown): never {
  if (!(e instanceof ValidationError)) throw e;
  const first = e.details[0]?.message ?? e.message;
  throw new ValidationError(`the workflow file cannot be imported: its document ${first}`, [
    { path: 'file', message: first },
  ]);
}

export function createWorkflowFileInterop(ctx: AppContext, { workflows, versions, connectors }: WorkflowFileDeps) {
  const missing = (pins: readonly Pin[]): string[] =>
    pins
      .filter((p) => !connectors(p.id, p.version))
      .map(
        (p) =>
          `The connector "${p.id}" version ${p.version} is not installed here: its steps cannot run until an admin installs that version or the steps are moved to an installed one.`,
      );

  async function importFile(actor: Actor, body: WorkflowImportBody): Promise<WorkflowImportResult> {
    const file = checkWorkflowFile(body.file);
    const input = { document: file.document, changeNote: `Imported from a workflow file exported ${file.exportedAt}` };
    const saved = await (
      body.workflowId
        ? versions
            .save(actor, body.workflowId, input)
            .then(async (s) => ({ ...s, workflowId: (await workflows.get(body.workflowId ?? '')).id }))
        : workflows.create(actor, input).then((c) => ({ ...c, workflowId: c.workflow.id }))
    ).catch(refusedDocument);
    const pins = [
      ...new Map([...file.connectors, ...pinsOf(file.document)].map((p) => [`${p.id}@${p.version}`, p])).values(),
    ];
    const warnings = missing(pins);
    await recordAudit(ctx.prisma, {
      actor,
      action: 'workflow.imported_file',
      targetType: 'workflow_version',
      targetId: saved.version.id,
      afterHash: saved.version.contentHash,
      details: {
        workflowId: saved.workflowId,
        number: saved.version.number,
        formatVersion: file.formatVersion,
        missingConnectors: warnings.length,
      },
    });
    return {
      workflowId: saved.workflowId,
      version: { id: saved.version.id, number: saved.version.number },
      created: saved.created,
      problems: saved.problems,
      warnings,
    };
  }

  /** A version as a workflow file, and the file name to offer. */
  async function exportVersion(ref: string, number: number): Promise<{ file: WorkflowFile; filename: string }> {
    const view = await workflows.get(ref);
    const version = await versions.get(view.id, number);
    const { parsed } = loadStored(version.document);
    const document = version.document;
    if (typeof document !== 'object' || document === null || Array.isArray(document))
      throw new ConflictError(`version ${number} cannot be exported: it has no document`);
    const record = Object.fromEntries(Object.entries(document));
    const file: WorkflowFile = {
      kind: WORKFLOW_FILE_KIND,
      formatVersion: parsed?.formatVersion ?? FORMAT_VERSION,
      exportedAt: new Date().toISOString(),
      document: record,
      connectors: pinsOf(record),
    };
    return { file, filename: `${view.slug}-v${number}.autonomic.json` };
  }

  return { importFile, exportVersion };
}

export type WorkflowFileInterop = ReturnType<typeof createWorkflowFileInterop>;
