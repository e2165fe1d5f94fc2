/**
 * The payloads of an OpenAPI operation as a connector action carries them: a JSON or form
 * request body's top-level fields as params and a body template (read-only fields, nested
 * form fields and other media types reported), and the 2xx JSON answer's schema with an
 * example (the documented one when it fits, else one generated). Pure.
 */
import type { OpenApiOperation, OpenApiParam } from '@autonomic/api';
import type { ConnectorAction } from '@autonomic/workflow';
import { checkAnswer } from '../../connectors/schemas';
import { followRefs, isObject, type JsonObject, type OpenApiDocument } from './openapi-document';
import { exampleOf, toJsonSchema, typeOf, type Notes } from './openapi-schema';

/** The action an operation becomes, but for what the admin decides. */
export type DraftAction = Omit<ConnectorAction, 'effect' | 'target' | 'idempotency'>;

/** A name that would set an object's prototype instead of becoming a key of it. */
export const FORBIDDEN_NAMES = new Set(['__proto__']);

/** A name made unique among `taken` with `_2`, `_3`… (and added to it). */
export function unique(name: string, taken: Set<string>, max = 64): string {
  let out = name.slice(0, max);
  for (let i = 2; taken.has(out); i++) out = `${name.slice(0, max - String(i).length - 1)}_${i}`;
  taken.add(out);
  return out;
}

/** A name of the document as a param name: `X-Request-Id` → `X_Request_Id`, `2fa` → `_2fa`. */
export const paramName = (name: string): string => {
  const slug = name.replace(/[^A-Za-z0-9_]/g, '_').slice(0, 64);
  return /^[A-Za-z_]/.test(slug) ? slug : `_${slug}`.slice(0, 64);
};

/** The media type of `content` a connector can send or read: JSON first (`application/json`, `…+json`). */
export function jsonMedia(content: unknown): [string, JsonObject] | undefined {
  if (!isObject(content)) return undefined;
  const entries = Object.entries(content).filter((e): e is [string, JsonObject] => isObject(e[1]));
  return (
    entries.find(([t]) => /^application\/json\b/i.test(t)) ??
    entries.find(([t]) => /^application\/[^;]*\+json\b/i.test(t)) ??
    entries.find(([t]) => t === '*/*')
  );
}

/** The request body's fields as params and a body template. */
export function requestBodyOf(
  doc: OpenApiDocument,
  op: JsonObject,
  where: string[],
  names: Set<string>,
  notes: Notes,
  add: (p: OpenApiParam, schema: JsonObject) => void,
  preview: OpenApiOperation,
): Pick<DraftAction, 'body' | 'bodyType'> {
  if (op['requestBody'] === undefined) return {};
  const body = followRefs(doc, op['requestBody'], [...where, 'requestBody']);
  if (!isObject(body) || !isObject(body['content'])) return {};
  const types = Object.keys(body['content']);
  const json = jsonMedia(body['content']);
  const formEntry = Object.entries(body['content']).find(([t]) => /^application\/x-www-form-urlencoded\b/i.test(t));
  const chosen: [string, JsonObject, 'json' | 'form'] | undefined = json
    ? [json[0], json[1], 'json']
    : isObject(formEntry?.[1])
      ? [formEntry[0], formEntry[1], 'form']
      : undefined;
  if (!chosen) {
    preview.requestBody = { contentType: types[0] ?? '', mapped: false };
    notes.add(
      `the request body (${types.join(', ')}) is not JSON or a form: ${types.some((t) => t.startsWith('multipart/')) ? 'multipart uploads are' : 'it is'} not sent by the connector`,
    );
    return {};
  }
  const [contentType, media, bodyType] = chosen;
  preview.requestBody = { contentType, mapped: true };
  for (const t of types.filter((t) => t !== contentType))
    notes.add(`the request body is sent as ${contentType}, not ${t}`);
  const schema = toJsonSchema(doc, media['schema'], [...where, 'requestBody', 'content', contentType, 'schema'], notes);
  const bodyRequired = body['required'] === true;
  const props = objectProperties(schema);
  if (!props) {
    // An array or a scalar body (or one of several shapes): one param holds it whole.
    if (bodyType === 'form') {
      notes.add('the form body has no properties to send: no body is sent');
      return {};
    }
    const name = unique('body', names);
    add({ name, source: '(request body)', in: 'body', required: bodyRequired }, schema);
    notes.add(`the request body is not an object with properties: the param ${name} holds it whole`);
    return { body: `{{ ${name} }}` };
  }
  const template: Record<string, string> = {};
  const required = new Set(bodyRequired ? props.required : []);
  if (!bodyRequired && props.required.length > 0)
    notes.add('the request body is optional, so none of its fields is required');
  for (const [source, s] of props.properties) {
    if (FORBIDDEN_NAMES.has(source)) {
      notes.add(`the body field ${source} has a name this server does not accept: left out`);
      continue;
    }
    if (s['readOnly'] === true) {
      notes.add(`the body field ${source} is read-only (the vendor sets it): not a param`);
      continue;
    }
    const kind = typeOf(s);
    if (bodyType === 'form' && (kind === 'object' || kind === 'array')) {
      notes.add(
        `the form field ${source} is ${kind === 'array' ? 'a list' : 'an object'}: a form sends text only, so it is left out`,
      );
      continue;
    }
    const name = unique(paramName(names.has(paramName(source)) ? `body_${source}` : source), names);
    template[source] = `{{ ${name} }}`;
    add({ name, source, in: 'body', required: required.has(source) }, s);
  }
  if (bodyType === 'form') notes.add('the request body is sent as a form (one level of text fields)');
  return { body: template, ...(bodyType === 'form' ? { bodyType } : {}) };
}

/** The named top-level fields of an object schema (an `allOf` of objects merged), or undefined. */
function objectProperties(schema: JsonObject) {
  const parts = Array.isArray(schema['allOf']) ? [schema, ...schema['allOf'].filter(isObject)] : [schema];
  // A Map: a field may be called anything, `__proto__` included.
  const properties = new Map<string, JsonObject>();
  const required: string[] = [];
  for (const part of parts) {
    if (isObject(part['properties']))
      for (const [k, v] of Object.entries(part['properties'])) if (isObject(v)) properties.set(k, v);
    if (Array.isArray(part['required']))
      required.push(...part['required'].filter((r): r is string => typeof r === 'string'));
  }
  if (properties.size === 0) return undefined;
  return { properties, required };
}

export function responseOf(
  doc: OpenApiDocument,
  op: JsonObject,
  where: string[],
  notes: Notes,
  preview: OpenApiOperation,
  withExample: boolean,
): Pick<DraftAction, 'response' | 'example'> {
  const responses = isObject(op['responses']) ? op['responses'] : {};
  const codes = Object.keys(responses);
  const status =
    ['200', '201'].find((c) => c in responses) ??
    codes.find((c) => /^2\d\d$/.test(c)) ??
    codes.find((c) => /^2XX$/i.test(c));
  if (status === undefined) {
    notes.add('no 2xx answer is documented: the response schema accepts anything ({})');
    return { response: {}, example: {} };
  }
  const answer = followRefs(doc, responses[status], [...where, 'responses', status]);
  const media = isObject(answer) ? jsonMedia(answer['content']) : undefined;
  if (!media || media[1]['schema'] === undefined) {
    preview.response = { status, schema: false };
    const content = isObject(answer) && isObject(answer['content']) ? Object.keys(answer['content']) : [];
    notes.add(
      content.length > 0 && !media
        ? `the ${status} answer is ${content.join(', ')}, not JSON: the response schema accepts anything ({}) and the action reads JSON`
        : `the ${status} answer has no JSON schema: the response schema accepts anything ({})`,
    );
    return { response: {}, example: {} };
  }
  preview.response = { status, schema: true };
  const schemaAt = [...where, 'responses', status, 'content', media[0], 'schema'];
  const response = toJsonSchema(doc, media[1]['schema'], schemaAt, notes);
  return { response, example: withExample ? exampleFor(doc, media[1], response, notes, status) : {} };
}

/** The answer's documented example when it fits the schema, else one generated from it. */
function exampleFor(
  doc: OpenApiDocument,
  media: JsonObject,
  schema: JsonObject,
  notes: Notes,
  status: string,
): DraftAction['example'] {
  const candidates: unknown[] = [];
  if (media['example'] !== undefined) candidates.push(media['example']);
  if (isObject(media['examples'])) {
    for (const [name, ex] of Object.entries(media['examples'])) {
      try {
        const e = followRefs(doc, ex, ['examples', name]);
        if (isObject(e) && e['value'] !== undefined) candidates.push(e['value']);
      } catch {
        // A broken example is only a missed example: one is generated.
      }
    }
  }
  const fits = (v: unknown) => {
    try {
      return checkAnswer(schema, v).ok;
    } catch {
      return true; // The schema itself is reported when the definition is checked.
    }
  };
  const documented = candidates.find(fits);
  if (documented !== undefined) return asJson(documented);
  if (candidates.length > 0)
    notes.add(`the ${status} answer's documented example does not fit its schema: one is generated`);
  const value = exampleOf(schema);
  const generated = value === undefined ? {} : value;
  if (!fits(generated)) notes.add(`the generated example of the ${status} answer may not fit its schema: check it`);
  return asJson(generated);
}

/** A parsed document's value as JSON (it came from JSON or core-schema YAML, so it is). */
function asJson(value: unknown): DraftAction['example'] {
  const json: DraftAction['example'] = JSON.parse(JSON.stringify(value) ?? 'null');
  return json;
}
