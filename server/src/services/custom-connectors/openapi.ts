/**
 * OpenAPI import (issue 12 §2): a vendor's OpenAPI 3.0/3.1 document to a draft custom
 * connector. `previewOpenApi` lists what the document offers; `openApiDefinition` turns the
 * operations an admin chose (with the effect and target they confirmed) into a definition
 * that passes the schema and the runtime checks, plus a report of what was approximated;
 * `createOpenApiImport` submits it through the custom connector service, so review, the
 * two-person rule and the audit apply as to any definition.
 *
 * `$ref`s are resolved by our own small resolver (openapi-document.ts, openapi-schema.ts)
 * rather than @apidevtools/json-schema-ref-parser: a definition needs finite JSON schemas
 * without `$ref`/`$defs` (stored as JSON, compiled by one shared ajv), which a library's
 * dereferencing (circular object graphs, or cycles left as `$ref`s) would not give without a
 * second walk of our own anyway, and refusing every external reference is one check here.
 */
import type {
  Actor,
  OpenApiChoice,
  OpenApiImportRequest,
  OpenApiImportResult,
  OpenApiPreview,
  OpenApiProblem,
  OpenApiReport,
} from '@autonomic/api';
import { ConnectorDefinition, SemVer, type ConnectorAction } from '@autonomic/workflow';
import type { z } from 'zod';
import { ValidationError, type ErrorDetail } from '../../errors';
import { runtimeProblems } from './checks';
import type { CustomConnectorService } from './index';
import { authOfDocument, serverOf, type AuthChoice, type ServerChoice } from './openapi-auth';
import { isObject, OpenApiDocumentError, readOpenApiDocument, type OpenApiDocument } from './openapi-document';
import { analyseOperations, type AnalysedOperation } from './openapi-operations';

interface Analysis {
  doc: OpenApiDocument;
  server: ServerChoice;
  auth: AuthChoice;
  preview: OpenApiPreview;
  operations: Map<string, AnalysedOperation>;
}

const text = (v: unknown, max: number): string => (typeof v === 'string' ? v.trim().slice(0, max) : '');

/** A connector id from a title: `ACME Ticketing API` → `acme-ticketing-api`. */
export const connectorIdOf = (title: string): string => {
  const slug = title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64)
    .replace(/-+$/, '');
  return /^[a-z]/.test(slug) ? slug : `api-${slug}`.replace(/-+$/, '');
};

/** The document read and its operations analysed; `examples`: the keys whose examples are needed. */
function analyseText(documentText: string, examples: ReadonlySet<string> = new Set()): Analysis {
  let doc: OpenApiDocument;
  try {
    doc = readOpenApiDocument(documentText);
  } catch (e) {
    if (e instanceof OpenApiDocumentError) throw documentInvalid(e.problems);
    throw e;
  }
  const info = isObject(doc.root['info']) ? doc.root['info'] : {};
  const server = serverOf(doc);
  const auth = authOfDocument(doc);
  const { operations, webhooks } = analyseOperations(doc, auth.auth, auth.chosen, examples);
  const problems: OpenApiProblem[] = [...server.problems, ...auth.problems];
  for (const name of webhooks) {
    problems.push({
      path: `webhooks.${name}`,
      message: 'a webhook is a call the vendor makes, not one a connector sends: not imported',
    });
  }
  if (operations.length === 0) problems.push({ path: 'paths', message: 'the document has no operations' });
  const title = text(info['title'], 120) || 'Imported API';
  return {
    doc,
    server,
    auth,
    operations: new Map(operations.map((o) => [o.preview.key, o])),
    preview: {
      title,
      version: text(info['version'], 128),
      description: text(info['description'], 2_000),
      connectorId: connectorIdOf(title),
      baseUrl: server.baseUrl,
      settings: Object.keys(server.settings?.properties ?? {}),
      servers: server.servers,
      auth: { chosen: auth.chosen, schemes: auth.schemes },
      operations: operations.map((o) => o.preview),
      problems,
    },
  };
}

/** 400 naming `body.document`, each message saying where in the document. */
function documentInvalid(problems: OpenApiProblem[]): ValidationError {
  return new ValidationError(
    'invalid OpenAPI document',
    problems.slice(0, 50).map((p) => ({ path: 'body.document', message: `${p.path}: ${p.message}` })),
  );
}

/** What the document offers, as the import would use it. Throws a 400 naming `body.document` when it cannot be read. */
export function previewOpenApi(documentText: string): OpenApiPreview {
  return analyseText(documentText).preview;
}

/** The definition of the chosen operations and the report; a 400 naming the field when a choice cannot be made. */
export function openApiDefinition(request: OpenApiImportRequest): {
  definition: ConnectorDefinition;
  report: OpenApiReport;
} {
  const chosen = new Set(request.operations.map((o) => o.key));
  const { doc, server, auth, preview, operations } = analyseText(request.document, chosen);
  if (preview.baseUrl === null) throw documentInvalid(preview.problems.filter((p) => p.path.startsWith('servers')));
  const problems: ErrorDetail[] = [];
  const actions: Record<string, ConnectorAction> = {};
  const report: OpenApiReport = { actions: [], problems: preview.problems };
  const index = new Map<string, number>();
  request.operations.forEach((choice, i) => {
    const here = `body.operations.${i}`;
    const found = operations.get(choice.key);
    const draft = found?.draft;
    if (!found || !draft) {
      problems.push({
        path: `${here}.key`,
        message: found
          ? `${choice.key} cannot be imported: ${found.preview.notes.join('; ')}`
          : `the document has no operation ${choice.key.slice(0, 200)}`,
      });
      return;
    }
    const id = choice.actionId ?? found.preview.actionId;
    if (index.has(id)) {
      problems.push({ path: `${here}.actionId`, message: `${id} is already the id of operations.${index.get(id)}` });
      return;
    }
    index.set(id, i);
    problems.push(...targetProblems(choice, draft.params, here));
    actions[id] = {
      ...draft,
      effect: choice.effect,
      idempotency: 'none',
      ...(choice.target ? { target: choice.target } : {}),
    };
    report.actions.push({ actionId: id, key: choice.key, effect: choice.effect, notes: found.preview.notes });
  });
  if (request.healthAction !== undefined) problems.push(...healthProblems(request.healthAction, actions));
  if (problems.length > 0) throw new ValidationError('invalid import', problems);

  const info = isObject(doc.root['info']) ? doc.root['info'] : {};
  const contact = isObject(info['contact']) ? info['contact'] : {};
  const name = request.connector.name ?? preview.title;
  const candidate = {
    formatVersion: 1,
    id: request.connector.id,
    name,
    vendor: request.connector.vendor ?? (text(info['x-vendor'], 120) || text(contact['name'], 120) || name),
    version: request.connector.version ?? (SemVer.safeParse(preview.version).success ? preview.version : '1.0.0'),
    description:
      request.connector.description ?? (preview.description || `Imported from the OpenAPI document ${preview.title}.`),
    baseUrl: preview.baseUrl,
    auth: auth.auth,
    ...(server.settings ? { settings: server.settings } : {}),
    ...(request.healthAction !== undefined ? { healthAction: { action: request.healthAction, params: {} } } : {}),
    actions,
  };
  const parsed = ConnectorDefinition.safeParse(candidate);
  if (!parsed.success) {
    throw new ValidationError(
      'the imported definition is invalid',
      parsed.error.issues.map((issue) => ({ path: fieldOf(issue.path.map(String), index), message: issue.message })),
    );
  }
  const runtime = runtimeProblems(parsed.data, '');
  if (runtime.length > 0) {
    throw new ValidationError(
      'the imported definition is invalid',
      runtime.map((p) => ({ path: fieldOf(p.path.split('.').filter(Boolean), index), message: p.message })),
    );
  }
  return { definition: parsed.data, report };
}

/** A destructive action names its target; a target is one of the action's required params. */
function targetProblems(choice: OpenApiChoice, params: ConnectorAction['params'], here: string): ErrorDetail[] {
  const required = params.required ?? [];
  if (choice.effect === 'destructive' && !choice.target) {
    return [
      {
        path: `${here}.target`,
        message: 'a destructive action names its target param and kind, so the safety lists apply',
      },
    ];
  }
  if (choice.target && !required.includes(choice.target.param)) {
    return [
      {
        path: `${here}.target.param`,
        message: `${choice.target.param} is not a required param of the operation (${required.join(', ') || 'it has none'})`,
      },
    ];
  }
  return [];
}

function healthProblems(id: string, actions: Record<string, ConnectorAction>): ErrorDetail[] {
  const action = actions[id];
  const message = !action
    ? `${id} is not one of the chosen operations' action ids`
    : action.effect !== 'read'
      ? `${id} is not read-only`
      : (action.params.required ?? []).length > 0
        ? `${id} needs params (${(action.params.required ?? []).join(', ')}): the health action runs without any`
        : undefined;
  return message ? [{ path: 'body.healthAction', message }] : [];
}

/** A definition path as the import request's field: an action's problem is its operation's. */
function fieldOf(path: string[], index: Map<string, number>): string {
  const [head, id, ...rest] = path;
  if (head === 'actions' && id !== undefined && index.has(id)) {
    return ['body', 'operations', String(index.get(id)), ...rest].join('.');
  }
  if (head && ['id', 'name', 'vendor', 'version', 'description'].includes(head)) return `body.connector.${head}`;
  if (head === 'healthAction') return 'body.healthAction';
  return ['body', 'document', ...path].join('.');
}

export interface OpenApiImport {
  preview(documentText: string): OpenApiPreview;
  /** Converts and submits through `custom.create`: installed, or awaiting review. */
  import(request: OpenApiImportRequest, actor: Actor): Promise<z.input<typeof OpenApiImportResult>>;
}

export function createOpenApiImport(custom: Pick<CustomConnectorService, 'create'>): OpenApiImport {
  return {
    preview: previewOpenApi,
    async import(request, actor) {
      const { definition, report } = openApiDefinition(request);
      const version = await custom.create(definition, actor);
      return { version, definition, report };
    },
  };
}
