/**
 * An API error in words for a person, in one place: the headline, each field's message
 * with the field named in words, and the messages by field for forms that show them at
 * their inputs. Paths (`body.reviewerIds`) and codes (`validation_failed`) stay for
 * programs; nothing here shows them.
 */
import { fieldLabel } from '@autonomic/api';
import { ApiError } from './client';

/** The server's messages by the path of their field (`body.name`), as forms show them. */
export type FieldErrors = ReadonlyMap<string, string>;

export const NO_ERRORS: FieldErrors = new Map();

/** What went wrong, in a sentence: the server's message, or the error's own. */
export function problemWords(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

const REQUEST_PARTS = new Set(['body', 'query', 'params']);
/** Collections whose next segment is a name or an index: `steps.lookup` → "Step lookup". */
const NAMED: Record<string, string> = {
  steps: 'Step',
  nodes: 'Step',
  credentials: 'Credential',
  policies: 'Policy',
  tests: 'Test',
  operations: 'Operation',
};

/** A path into a document or the server's state (`steps.lookup.params.input`) in words. */
function documentPathWords(parts: readonly string[]): string {
  const words: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] ?? '';
    const next = parts[i + 1];
    const named = NAMED[part];
    if (named && next !== undefined) {
      words.push(`${named} ${/^\d+$/.test(next) ? Number(next) + 1 : next}`);
      i++;
    } else words.push(fieldLabel([part]));
  }
  return words.join(' › ');
}

/**
 * A version's problem (`document.<step id>.<field path>`, as saving and publishing refuse)
 * in words: "Step lookup › URL", "The workflow", "Test 1 › Event".
 */
function versionPlace([step = '', ...field]: readonly string[]): string {
  if (step === 'tests') return documentPathWords([step, ...field]);
  const node = step === 'workflow' ? 'The workflow' : `Step ${step}`;
  const words = fieldLabel(field);
  return words ? `${node} › ${words}` : node;
}

/**
 * A field's name in words from a detail path: a request field by its name (`body.srcIp` →
 * "Source IP", empty for the whole body), a version's problem by its step and field
 * (`document.lookup.params.url` → "Step lookup › URL"), another document path step by step
 * (`steps.lookup.params.input` → "Step lookup › Params › Input").
 */
export function labelOfPath(path: string): string {
  const [head = '', ...rest] = path.split('.');
  if (REQUEST_PARTS.has(head)) return fieldLabel(rest);
  if (head === 'document' && rest.length > 0) return versionPlace(rest);
  return documentPathWords([head, ...rest].filter(Boolean));
}

/**
 * One field's message with the field named in words, unless the message already names it
 * ("Name is required" stays; `body.value` "not an IPv4 address" → "Value: not an IPv4 address").
 */
export function detailWords(detail: { path: string; message: string }): string {
  const label = labelOfPath(detail.path);
  if (!label || detail.message.toLowerCase().startsWith(label.toLowerCase())) return detail.message;
  return `${label}: ${detail.message}`;
}

/** Each field at fault in words (empty when the error names none). */
export function problemList(error: unknown): string[] {
  return error instanceof ApiError ? error.details.map(detailWords) : [];
}

/**
 * The server's messages by field path; several for one path are joined. `conflicts` puts
 * an answer without details beside the field it is about (`{ username_taken: 'body.username' }`).
 */
export function fieldErrorsOf(error: unknown, conflicts: Readonly<Record<string, string>> = {}): FieldErrors {
  const map = new Map<string, string>();
  if (!(error instanceof ApiError)) return map;
  const conflictPath = conflicts[error.code];
  if (conflictPath) map.set(conflictPath, error.message);
  for (const d of error.details) {
    const before = map.get(d.path);
    map.set(d.path, before ? `${before}; ${d.message}` : d.message);
  }
  return map;
}

/** The errors no field of the form shows (`shown` are the paths it draws), each naming its field. */
export function unplaced(errors: FieldErrors, shown: ReadonlySet<string>): [string, string][] {
  return [...errors]
    .filter(([path]) => !shown.has(path))
    .map(([path, message]) => [path, detailWords({ path, message })]);
}
