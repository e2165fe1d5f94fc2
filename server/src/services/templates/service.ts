/**
 * The template library's use-cases: list the templates with what each needs, and create
 * a workflow from one. The draft goes through the workflow service like any new workflow
 * (validated, audited, its test cases queued for the test runner); the workflow then gets
 * the template's settings (its blast-radius limits), and the creation from a template is
 * audited with the template's id.
 */
import type { Actor, InstantiateTemplateBody, InstantiatedTemplate, TemplateSummary } from '@autonomic/api';
import { nodeDefinition, type WorkflowDocument } from '@autonomic/workflow';
import type { AppContext } from '../../context';
import { NotFoundError } from '../../errors';
import { recordAudit } from '../audit';
import type { ConnectorCatalog, ConnectorCredentials } from '../contracts';
import type { WorkflowService } from '../workflows';
import { loadTemplates, type LibraryDirs, type Template } from './library';

export interface TemplateServiceDeps {
  workflows: Pick<WorkflowService, 'create' | 'updateSettings'>;
  catalog: Pick<ConnectorCatalog, 'latest'>;
  credentials: Pick<ConnectorCredentials, 'index'>;
  /** @default the repository's templates/ and examples/ folders */
  dirs?: LibraryDirs;
}

function destructiveSteps(doc: WorkflowDocument): number {
  return Object.values(doc.steps).filter((s) => nodeDefinition(s.type)?.effect(s.params) === 'destructive').length;
}

export function createTemplateService(ctx: AppContext, deps: TemplateServiceDeps) {
  // The files ship with the server and do not change while it runs: read them once.
  let loaded: Promise<Template[]> | undefined;
  const library = () => (loaded ??= loadTemplates(deps.dirs));

  async function list(): Promise<{ templates: TemplateSummary[] }> {
    const [templates, credentials] = await Promise.all([library(), deps.credentials.index()]);
    const withCredential = new Set(credentials.map((c) => c.connectorId));
    return {
      templates: templates.map(({ meta, document }) => ({
        id: meta.id,
        title: meta.title,
        description: meta.description,
        category: meta.category,
        connectors: meta.connectors.map((c) => {
          const installed = deps.catalog.latest(c.id);
          return {
            id: c.id,
            title: installed?.name ?? c.id,
            why: c.why,
            installed: installed !== undefined,
            credential: withCredential.has(c.id),
          };
        }),
        cases: document.tests.length,
        destructiveSteps: destructiveSteps(document),
      })),
    };
  }

  async function instantiate(actor: Actor, id: string, body: InstantiateTemplateBody): Promise<InstantiatedTemplate> {
    const template = (await library()).find((t) => t.meta.id === id);
    if (!template) throw new NotFoundError(`the template "${id}"`);
    const document = structuredClone(template.document);
    if (body.name) document.metadata.name = body.name;
    const { workflow, version, problems } = await deps.workflows.create(actor, {
      document,
      changeNote: `Created from the template "${template.meta.title}"`,
    });
    if (Object.keys(template.settings).length > 0) {
      await deps.workflows.updateSettings(actor, workflow.id, template.settings);
    }
    await recordAudit(ctx.prisma, {
      actor,
      action: 'workflow.created_from_template',
      targetType: 'workflow',
      targetId: workflow.id,
      afterHash: version.contentHash,
      details: { template: id, versionId: version.id },
    });
    return {
      workflowId: workflow.id,
      slug: workflow.slug,
      version: { id: version.id, number: version.number },
      problems,
    };
  }

  return { list, instantiate };
}

export type TemplateService = ReturnType<typeof createTemplateService>;
