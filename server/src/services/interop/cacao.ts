/**
 * CACAO 2.0 import and export (issue 17 §3, §4). The mapping itself is pure and lives in
 * `@autonomic/workflow` (`importCacao`, `exportCacao`); this use-case checks the OASIS
 * schemas, saves the draft through the workflow services (which audit the version) and
 * records the import in the audit log.
 */
import type { Actor, CacaoImportBody, CacaoImportResult } from '@autonomic/api';
import {
  cacaoSchemaProblems,
  cacaoStructureProblems,
  exportCacao,
  importCacao,
  uuidV5,
  type ConnectorLookup,
  type Problem,
} from '@autonomic/workflow';
import type { AppContext } from '../../context';
import { ConflictError, ValidationError } from '../../errors';
import { recordAudit } from '../audit';
import type { VersionService, WorkflowService } from '../workflows';
import { loadStored } from '../workflows/documents';
import { cacaoSchemaErrors } from './cacao-schema';

export interface CacaoInteropDeps {
  workflows: Pick<WorkflowService, 'create' | 'get' | 'list'>;
  versions: Pick<VersionService, 'save' | 'get'>;
  /** The connector catalogue: an export writes a connector step as the HTTP request its action sends. */
  connectors?: ConnectorLookup;
}

/** Rejections name the element in the message itself; the detail path stays the field the caller sent. */
function rejected(problems: readonly Problem[]): ValidationError {
  const first = problems[0]?.message ?? 'the playbook cannot be imported';
  return new ValidationError(
    `the CACAO playbook cannot be imported: ${first}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''}`,
    problems.slice(0, 50).map((p) => ({ path: 'playbook', message: p.message })),
  );
}

export function createCacaoInterop(ctx: AppContext, { workflows, versions, connectors }: CacaoInteropDeps) {
  /** The workflow a `playbook--<uuid>` names, when it is one of ours exported (uuid v5 of its id). */
  async function resolver(actor: Actor): Promise<(playbookId: string) => string | undefined> {
    const list = await workflows.list(actor, { limit: 500, offset: 0 });
    const byId = new Map(list.map((w) => [`playbook--${uuidV5(w.id)}`, w.id]));
    return (playbookId) => byId.get(playbookId);
  }

  async function importPlaybook(actor: Actor, body: CacaoImportBody): Promise<CacaoImportResult> {
    const structure = cacaoStructureProblems(body.playbook);
    if (structure.length > 0) throw rejected(structure);
    const schema = cacaoSchemaProblems(cacaoSchemaErrors(body.playbook));
    if (schema.problems.length > 0) throw rejected(schema.problems);
    const result = importCacao(body.playbook, { resolvePlaybook: await resolver(actor), tolerated: schema.tolerated });
    if (!result.document) throw rejected(result.problems);
    const name = typeof body.playbook['name'] === 'string' ? body.playbook['name'] : 'a CACAO playbook';
    const changeNote = `Imported from the CACAO 2.0 playbook "${name.slice(0, 200)}"`;
    const input = { document: result.document, changeNote };
    const saved = body.workflowId
      ? {
          ...(await versions.save(actor, body.workflowId, input)),
          workflowId: (await workflows.get(body.workflowId)).id,
        }
      : await workflows.create(actor, input).then((c) => ({ ...c, workflowId: c.workflow.id }));
    await recordAudit(ctx.prisma, {
      actor,
      action: 'workflow.imported_cacao',
      targetType: 'workflow_version',
      targetId: saved.version.id,
      afterHash: saved.version.contentHash,
      details: {
        workflowId: saved.workflowId,
        number: saved.version.number,
        playbookId: body.playbook['id'] ?? null,
        ...result.report.counts,
      },
    });
    return {
      workflowId: saved.workflowId,
      version: { id: saved.version.id, number: saved.version.number },
      created: saved.created,
      problems: saved.problems,
      report: result.report,
    };
  }

  /** A version as a CACAO playbook, and the file name to offer. */
  async function exportVersion(
    ref: string,
    number: number,
  ): Promise<{ playbook: Record<string, unknown>; filename: string }> {
    const view = await workflows.get(ref);
    const version = await versions.get(view.id, number);
    const { parsed: document, problems } = loadStored(version.document);
    if (!document)
      throw new ConflictError(
        `version ${number} cannot be exported: ${problems[0]?.message ?? 'its document does not load'}`,
      );
    const playbook = exportCacao(document, {
      workflowId: view.id,
      created: new Date(version.createdAt).toISOString(),
      modified: new Date(version.createdAt).toISOString(),
      ...(connectors ? { connectors } : {}),
    });
    return { playbook, filename: `${view.slug}-v${number}.cacao.json` };
  }

  return { importPlaybook, exportVersion };
}

export type CacaoInterop = ReturnType<typeof createCacaoInterop>;
