import { WorkflowDocument } from './document';
import { migrateToLatest } from './migrations';
import { isRecord, rawTriggerId, WORKFLOW_NODE, type Problem } from './problem';
import { checkStepCount, checkTextDepth, checkTextSize, checkValueLimits } from './validate/limits';
import { semanticProblems } from './validate/semantic';
import { caseProblems } from './cases/problems';
import { viewOfDocument, viewOfRaw } from './validate/view';
import { documentWarnings } from './validate/warnings';
import { issuesToProblems } from './validate/zod-issues';

/**
 * The outcome of loading a workflow. `document` is there whenever the schema accepts
 * it, even with semantic problems: the editor saves drafts that are not valid yet.
 */
export interface ValidationResult {
  /** `problems.length === 0`. */
  ok: boolean;
  document?: WorkflowDocument;
  problems: Problem[];
  /** Worth a second look, never blocking (see `documentWarnings`); present only when there are some. */
  warnings?: Problem[];
}

function result(document: WorkflowDocument | undefined, problems: Problem[]): ValidationResult {
  const seen = new Set<string>();
  const unique = problems.filter((p) => {
    const key = `${p.nodeId}\u0000${p.path}\u0000${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  let warnings: Problem[] = [];
  try {
    warnings = document ? documentWarnings(document) : [];
  } catch {
    // A warning is advice: a bug in one never turns into a problem that blocks.
  }
  return {
    ok: unique.length === 0,
    ...(document ? { document } : {}),
    problems: unique,
    ...(warnings.length > 0 ? { warnings } : {}),
  };
}

/** A bug of the validator is reported like a problem of the document, never thrown. */
function internalProblem(e: unknown): Problem {
  const message = e instanceof Error ? e.message : String(e);
  return { nodeId: WORKFLOW_NODE, path: '', message: `the validator failed: ${message.slice(0, 500)}` };
}

/** `__proto__` survives JSON.parse as a key but not a round through a plain object. */
function reservedIdProblems(value: unknown): Problem[] {
  const steps = isRecord(value) ? value['steps'] : undefined;
  return isRecord(steps) && Object.hasOwn(steps, '__proto__')
    ? [{ nodeId: '__proto__', path: '', message: '"__proto__" cannot be a step id' }]
    : [];
}

function validate(raw: unknown): ValidationResult {
  const limits = checkValueLimits(raw, rawTriggerId(raw));
  if (limits.length > 0) return result(undefined, limits);
  const migrated = migrateToLatest(raw);
  if (!migrated.ok) return result(undefined, migrated.problems);
  const { value } = migrated;
  const tooMany = checkStepCount(value);
  if (tooMany) return result(undefined, [tooMany]);
  const problems = reservedIdProblems(value);
  const parsed = WorkflowDocument.safeParse(value);
  if (!parsed.success) problems.push(...issuesToProblems(parsed.error.issues, value));
  try {
    problems.push(...semanticProblems(parsed.success ? viewOfDocument(parsed.data) : viewOfRaw(value)));
    if (parsed.success) problems.push(...caseProblems(parsed.data));
  } catch (e) {
    problems.push(internalProblem(e));
  }
  return result(parsed.success ? parsed.data : undefined, problems);
}

/**
 * Migrates, parses and checks a workflow given as a value, and reports every problem
 * at once. Never throws, whatever the input: size and depth are bounded before the
 * schema sees it, and a validator bug comes back as a problem.
 *
 * @example
 * const { ok, document, problems } = validateDocument(JSON.parse(text));
 */
export function validateDocument(raw: unknown): ValidationResult {
  try {
    return validate(raw);
  } catch (e) {
    return result(undefined, [internalProblem(e)]);
  }
}

/**
 * Loads a workflow file's text: bounded in size (5 MiB) and depth (64) before it is
 * parsed, then validated like {@link validateDocument}. Never throws.
 */
export function parseWorkflowJson(text: string): ValidationResult {
  try {
    if (typeof text !== 'string') return result(undefined, [internalProblem(new Error('the input is not text'))]);
    const tooBig = checkTextSize(text) ?? checkTextDepth(text);
    if (tooBig) return result(undefined, [tooBig]);
    let raw: unknown;
    try {
      raw = JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      return result(undefined, [{ nodeId: WORKFLOW_NODE, path: '', message: `not JSON: ${message.slice(0, 500)}` }]);
    }
    return validateDocument(raw);
  } catch (e) {
    return result(undefined, [internalProblem(e)]);
  }
}
