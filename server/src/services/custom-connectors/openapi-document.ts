/**
 * Reading a vendor's OpenAPI document: JSON or YAML text to a plain object, checked to be
 * OpenAPI 3.0 or 3.1, and its `$ref`s resolved inside the document only. A `$ref` to
 * anything outside the document (another file, a URL) is refused, never fetched: a pasted
 * document could otherwise make the server request internal addresses (SSRF). Pure.
 */
import yaml from 'js-yaml';
import type { OpenApiProblem } from '@autonomic/api';

export type Json = unknown;
export type JsonObject = Record<string, unknown>;

/** Refused documents: every problem names where, from the document's root. */
export class OpenApiDocumentError extends Error {
  constructor(readonly problems: OpenApiProblem[]) {
    super(problems.map((p) => `${p.path}: ${p.message}`).join('; '));
  }
}

export interface OpenApiDocument {
  root: JsonObject;
  /** `3.0` or `3.1`: 3.0 schemas say `nullable`, 3.1 ones are JSON Schema 2020-12. */
  dialect: '3.0' | '3.1';
}

/** The most distinct objects and arrays a document may hold (YAML aliases count once). */
const MAX_NODES = 200_000;
/** The deepest nesting a document may have. */
const MAX_NESTING = 200;

export const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** An error's message, whatever was thrown. */
export const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** `paths./tickets/{id}.get`: a location as the problems name it. */
export const at = (path: readonly (string | number)[]): string => (path.length === 0 ? '(root)' : path.join('.'));

function parseText(text: string): unknown {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return JSON.parse(trimmed);
    } catch (e) {
      throw new OpenApiDocumentError([{ path: '(root)', message: `not valid JSON: ${messageOf(e)}` }]);
    }
  }
  try {
    // The core schema: no YAML timestamps or binary, so the result is plain JSON.
    return yaml.load(text, { schema: yaml.CORE_SCHEMA });
  } catch (e) {
    const mark = e instanceof yaml.YAMLException ? e.mark : undefined;
    const where = mark ? ` at line ${mark.line + 1}, column ${mark.column + 1}` : '';
    const reason = e instanceof yaml.YAMLException ? e.reason : String(e);
    throw new OpenApiDocumentError([{ path: '(root)', message: `neither JSON nor valid YAML: ${reason}${where}` }]);
  }
}

/**
 * Every `$ref` that leaves the document, and whether the document is too large. Objects
 * are walked once each, so YAML aliases cannot multiply the work.
 */
function scan(root: unknown): OpenApiProblem[] {
  const problems: OpenApiProblem[] = [];
  const seen = new Set<object>();
  const stack: Array<{ node: unknown; path: (string | number)[] }> = [{ node: root, path: [] }];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const { node, path } = item;
    if (typeof node !== 'object' || node === null || seen.has(node)) continue;
    seen.add(node);
    if (seen.size > MAX_NODES) {
      return [{ path: '(root)', message: `more than ${MAX_NODES} objects and lists: too large to import` }];
    }
    if (path.length > MAX_NESTING) {
      return [{ path: at(path.slice(0, 10)), message: `nests deeper than ${MAX_NESTING} levels: too deep to import` }];
    }
    if (Array.isArray(node)) {
      node.forEach((v, i) => stack.push({ node: v, path: [...path, i] }));
      continue;
    }
    const ref = isObject(node) ? node['$ref'] : undefined;
    if (typeof ref === 'string' && !ref.startsWith('#')) {
      problems.push({
        path: at([...path, '$ref']),
        message: `${ref.slice(0, 200)} points outside the document: external references are refused, never fetched (the server would request an address the document chooses). Bundle the document into one file first`,
      });
    }
    for (const [k, v] of Object.entries(node)) stack.push({ node: v, path: [...path, k] });
  }
  return problems.sort((a, b) => (a.path < b.path ? -1 : 1));
}

/** The document parsed and checked, or an `OpenApiDocumentError` saying where it is wrong. */
export function readOpenApiDocument(text: string): OpenApiDocument {
  const root = parseText(text);
  if (!isObject(root))
    throw new OpenApiDocumentError([{ path: '(root)', message: 'an OpenAPI document is an object' }]);
  const version = root['openapi'];
  if (typeof version !== 'string' || !/^3\.[01]\.\d+/.test(version)) {
    const swagger = typeof root['swagger'] === 'string';
    throw new OpenApiDocumentError([
      {
        path: 'openapi',
        message: swagger
          ? 'Swagger 2.0 is not supported: convert the document to OpenAPI 3 first'
          : 'an OpenAPI 3.0 or 3.1 document says openapi: 3.0.x or 3.1.x',
      },
    ]);
  }
  const problems: OpenApiProblem[] = [];
  if (!isObject(root['info'])) problems.push({ path: 'info', message: 'an OpenAPI document has an info object' });
  if (root['paths'] !== undefined && !isObject(root['paths']))
    problems.push({ path: 'paths', message: 'paths is an object of path items' });
  problems.push(...scan(root));
  if (problems.length > 0) throw new OpenApiDocumentError(problems);
  return { root, dialect: version.startsWith('3.0') ? '3.0' : '3.1' };
}

/** `#/components/schemas/Pet` → the node it points at, or undefined (RFC 6901, with %-encoding). */
export function pointAt(root: JsonObject, ref: string): unknown {
  if (ref === '#') return root;
  if (!ref.startsWith('#/')) return undefined;
  let node: unknown = root;
  for (const raw of ref.slice(2).split('/')) {
    let token: string;
    try {
      token = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    } catch {
      return undefined;
    }
    if (Array.isArray(node)) node = /^\d+$/.test(token) ? node[Number(token)] : undefined;
    else if (isObject(node) && Object.hasOwn(node, token)) node = node[token];
    else return undefined;
  }
  return node;
}

/**
 * A node with its `$ref` chain followed (parameters, request bodies, responses, path
 * items: objects that are replaced whole by what they point at). Throws naming `path` when
 * the chain is broken or loops.
 */
export function followRefs(doc: OpenApiDocument, node: unknown, path: readonly (string | number)[]): unknown {
  const chain: string[] = [];
  let current = node;
  while (isObject(current) && typeof current['$ref'] === 'string') {
    const ref = current['$ref'];
    if (chain.includes(ref)) {
      throw new OpenApiDocumentError([{ path: at([...path, '$ref']), message: `${ref} refers back to itself` }]);
    }
    chain.push(ref);
    current = pointAt(doc.root, ref);
    if (current === undefined) {
      throw new OpenApiDocumentError([{ path: at([...path, '$ref']), message: `${ref} points at nothing` }]);
    }
  }
  return current;
}
