/**
 * The operations of an OpenAPI document, each with the connector action it becomes (all
 * but its effect and target, which the admin decides): path params as `{{ id }}`, query
 * and header params as templates, a JSON or form body's top-level properties as params
 * and a body template, the params schema (required carried), the response schema of the
 * 2xx JSON answer and an example. Whatever is approximated or left out is written in the
 * operation's notes, never dropped silently. Pure.
 */
import type { OpenApiOperation, OpenApiParam } from '@autonomic/api';
import type { ConnectorAuth } from '@autonomic/workflow';
import { requirementsOf } from './openapi-auth';
import { followRefs, isObject, messageOf, type JsonObject, type OpenApiDocument } from './openapi-document';
import {
  FORBIDDEN_NAMES,
  jsonMedia,
  paramName,
  requestBodyOf,
  responseOf,
  unique,
  type DraftAction,
} from './openapi-payloads';
import { toJsonSchema, typeOf, type Notes } from './openapi-schema';

export type { DraftAction } from './openapi-payloads';

export interface AnalysedOperation {
  preview: OpenApiOperation;
  /** Undefined when no action can call the operation (`preview.supported` is false). */
  draft?: DraftAction;
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
const CALLABLE = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
const CALLABLE_SET: ReadonlySet<string> = new Set(CALLABLE);
const isCallable = (m: string): m is DraftAction['method'] => CALLABLE_SET.has(m);
/** The method of an operation `analyse` is given (only callable ones are). */
function callableMethod(m: string): DraftAction['method'] {
  if (!isCallable(m)) throw new Error(`${m} is not a method a connector action sends`);
  return m;
}
/** Header params OpenAPI says to ignore (the request's own framing and auth). */
const IGNORED_HEADERS = new Set(['accept', 'content-type', 'authorization']);
/** `listOpenTickets`, `tickets.list` → `list_open_tickets`, `tickets_list`: an action id. */
export function actionIdOf(operationId: string | undefined, method: string, path: string): string {
  const source =
    operationId ??
    `${method}_${path
      .split('/')
      .filter(Boolean)
      .map((s) => s.replace(/^\{(.*)\}$/, 'by_$1'))
      .join('_')}`;
  const slug = source
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  const id = /^[a-z]/.test(slug) ? slug : `op_${slug}`;
  return id.slice(0, 64).replace(/_+$/, '') || 'op';
}

interface Context {
  doc: OpenApiDocument;
  auth: ConnectorAuth;
  authScheme: string | null;
  /** The operations (keys) whose example is worked out: checking one compiles its schema, too slow for all of a large document. */
  examples: ReadonlySet<string>;
}

/**
 * Every operation of the document in document order, each analysed (a broken one listed as
 * unsupported); the drafts of `examples` (operation keys) get their example, the others `{}`.
 */
export function analyseOperations(
  doc: OpenApiDocument,
  auth: ConnectorAuth,
  authScheme: string | null,
  examples: ReadonlySet<string> = new Set(),
) {
  const ctx: Context = { doc, auth, authScheme, examples };
  const paths = isObject(doc.root['paths']) ? doc.root['paths'] : {};
  const out: AnalysedOperation[] = [];
  const ids = new Set<string>();
  for (const [path, rawItem] of Object.entries(paths)) {
    let item: unknown;
    try {
      item = followRefs(doc, rawItem, ['paths', path]);
    } catch {
      item = undefined;
    }
    if (!isObject(item)) continue;
    for (const m of METHODS) {
      const op = item[m];
      if (!isObject(op)) continue;
      const method = m.toUpperCase();
      const summary = str(op['summary']);
      const where = ['paths', path, m];
      const actionId = unique(actionIdOf(str(op['operationId']), m, path), ids);
      const preview: OpenApiOperation = {
        key: `${method} ${path}`,
        method,
        path,
        ...(str(op['operationId']) ? { operationId: str(op['operationId']) } : {}),
        ...(summary ? { summary: summary.slice(0, 300) } : {}),
        actionId,
        effect: method === 'GET' || method === 'HEAD' ? 'read' : 'write',
        params: [],
        requestBody: null,
        response: null,
        supported: isCallable(method),
        notes: [],
      };
      if (!preview.supported) {
        preview.notes.push(`${method} is not a method a connector action sends`);
        out.push({ preview });
        continue;
      }
      try {
        out.push(analyse(ctx, preview, op, item, where));
      } catch (e) {
        preview.supported = false;
        preview.notes.push(`cannot be imported: ${messageOf(e)}`);
        out.push({ preview });
      }
    }
  }
  const webhooks = doc.root['webhooks'];
  return { operations: out, webhooks: isObject(webhooks) ? Object.keys(webhooks) : [] };
}

/** Whether the param is where the API key goes (the credential sends it; a header name is case-insensitive). */
function carriesKey(auth: ConnectorAuth, location: string, source: string): boolean {
  if (auth.type !== 'api_key' || auth.in !== location) return false;
  return location === 'header' ? source.toLowerCase() === auth.name.toLowerCase() : source === auth.name;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);

function analyse(ctx: Context, preview: OpenApiOperation, op: JsonObject, item: JsonObject, where: string[]) {
  const { doc } = ctx;
  const notes: Notes = new Set();
  const names = new Set<string>();
  const properties: Record<string, JsonObject> = {};
  const required: string[] = [];
  const query: Record<string, string> = {};
  const headers: Record<string, string> = {};
  let path = preview.path;
  const add = (p: OpenApiParam, schema: JsonObject) => {
    properties[p.name] = schema;
    if (p.required) required.push(p.name);
    preview.params.push({ ...p, ...(typeOf(schema) ? { type: typeOf(schema) } : {}) });
  };

  for (const { param, at: pWhere } of parametersOf(doc, item, op, where)) {
    const source = String(param['name'] ?? '');
    const location = String(param['in'] ?? '');
    if (FORBIDDEN_NAMES.has(source)) {
      notes.add(`the parameter ${source} has a name this server does not accept: left out`);
      continue;
    }
    if (location === 'cookie') {
      notes.add(`the cookie parameter ${source} is not sent: connectors do not send cookies`);
      continue;
    }
    if (location === 'header' && IGNORED_HEADERS.has(source.toLowerCase())) continue;
    if (carriesKey(ctx.auth, location, source)) {
      notes.add(
        `the ${location === 'header' ? 'header' : 'query parameter'} ${source} carries the credential, so it is not a param`,
      );
      continue;
    }
    if (location === 'header' && !/^[A-Za-z0-9-]{1,64}$/.test(source)) {
      notes.add(`the header ${source.slice(0, 80)} has a name a connector cannot send: left out`);
      continue;
    }
    if (location === 'query' && !/^[A-Za-z0-9_.\-[\]]{1,128}$/.test(source)) {
      notes.add(`the query parameter ${source.slice(0, 80)} has a name a connector cannot send: left out`);
      continue;
    }
    if (!['path', 'query', 'header'].includes(location)) {
      notes.add(`the parameter ${source.slice(0, 80)} in ${location.slice(0, 20)} is not understood: left out`);
      continue;
    }
    const name = unique(paramName(source), names);
    let schema: JsonObject;
    if (param['schema'] !== undefined) schema = toJsonSchema(doc, param['schema'], [...pWhere, 'schema'], notes);
    else {
      const media = jsonMedia(param['content']);
      schema = media ? toJsonSchema(doc, media[1]['schema'], [...pWhere, 'content'], notes) : { type: 'string' };
      notes.add(`the parameter ${source} is described by content, not a schema: its value is sent as text or JSON`);
    }
    if (typeof param['description'] === 'string' && schema['description'] === undefined)
      schema['description'] = param['description'].slice(0, 500);
    const placeholder = `{{ ${name} }}`;
    const isRequired = location === 'path' || param['required'] === true;
    if (location === 'path') {
      const before = path;
      path = path.split(`{${source}}`).join(placeholder);
      if (path === before) notes.add(`the path parameter ${source} does not appear in the path: left out`);
    } else if (location === 'query') query[source] = placeholder;
    else headers[source] = placeholder;
    const kind = typeOf(schema);
    if (location === 'query' && (kind === 'array' || kind === 'object')) {
      notes.add(
        `the query parameter ${source} is ${kind === 'array' ? 'a list' : 'an object'}: it is sent as JSON text, not in the document's style`,
      );
    }
    add({ name, source, in: location as 'path' | 'query' | 'header', required: isRequired }, schema);
  }
  const leftover = /\{([^{}]+)\}/.exec(path.replace(/\{\{ [A-Za-z0-9_]+ \}\}/g, ''));
  if (leftover) throw new Error(`the path parameter ${leftover[1]} is not declared`);

  const body = requestBodyOf(ctx.doc, op, where, names, notes, add, preview);
  const response = responseOf(doc, op, where, notes, preview, ctx.examples.has(preview.key));
  const extras = ['callbacks', 'links'].filter((k) => {
    const v = op[k];
    return isObject(v) && Object.keys(v).length > 0;
  });
  for (const k of extras)
    notes.add(`${k} are not mapped: a connector action only sends its request and reads the answer`);
  securityNotes(ctx, op, notes);
  if (op['deprecated'] === true) notes.add('the vendor marks this operation deprecated');
  if (Array.isArray(op['servers']) || Array.isArray(item['servers'])) {
    notes.add("the operation names servers of its own: the connector sends it to the connector's base URL");
  }

  const description = [str(op['description']) ?? str(op['summary']) ?? '', `Imported from ${preview.key}.`]
    .filter(Boolean)
    .join('\n\n');
  const draft: DraftAction = {
    title: (str(op['summary']) ?? str(op['operationId']) ?? preview.key).slice(0, 120),
    description: description.slice(0, 2_000),
    method: callableMethod(preview.method),
    path,
    ...(Object.keys(query).length > 0 ? { query } : {}),
    ...(Object.keys(headers).length > 0 ? { headers } : {}),
    ...body,
    params: { type: 'object', properties, ...(required.length > 0 ? { required } : {}) },
    ...response,
  };
  preview.notes.push(...notes);
  return { preview, draft };
}

/** Path-level and operation-level parameters (the operation's win), refs followed. */
function parametersOf(doc: OpenApiDocument, item: JsonObject, op: JsonObject, where: string[]) {
  const list = new Map<string, { param: JsonObject; at: (string | number)[] }>();
  const read = (raw: unknown, base: (string | number)[]) => {
    if (!Array.isArray(raw)) return;
    raw.forEach((p, i) => {
      const param = followRefs(doc, p, [...base, 'parameters', i]);
      if (isObject(param))
        list.set(`${String(param['in'])}:${String(param['name'])}`, { param, at: [...base, 'parameters', i] });
    });
  };
  read(item['parameters'], where.slice(0, 2));
  read(op['parameters'], where);
  return [...list.values()];
}

/** An operation whose own security differs from the connector's says so. */
function securityNotes(ctx: Context, op: JsonObject, notes: Notes): void {
  if (op['security'] === undefined) return;
  const reqs = requirementsOf(op['security']);
  if (reqs.length === 0 || reqs.some((r) => Object.keys(r).length === 0)) {
    if (ctx.authScheme !== null) notes.add('the operation needs no credential; the connector sends it anyway');
    return;
  }
  const scheme = ctx.authScheme;
  if (scheme !== null && !reqs.some((r) => scheme in r)) {
    notes.add(
      `the operation asks for ${reqs.map((r) => Object.keys(r).join(' + ')).join(' or ')}; the connector sends ${scheme}`,
    );
  }
}
