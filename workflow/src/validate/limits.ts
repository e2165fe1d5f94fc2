import { jsonDepthExceededAt } from '../json-depth';
import { isRecord, problemAt, WORKFLOW_NODE, type Problem } from '../problem';

/**
 * Bounds on what the loader accepts. They are checked before any parsing so that a
 * hostile or broken file costs one linear scan, never a hang or a stack overflow.
 */
export const LIMITS = {
  /** UTF-8 size of a workflow file. @default 5 MiB */
  maxBytes: 5 * 1024 * 1024,
  /** Nesting of objects and arrays; a real workflow needs about ten. @default 64 */
  maxDepth: 64,
  /** One string (a label, a template); far above any schema's own maximum. @default 1,000,000 */
  maxStringLength: 1_000_000,
  /** All strings and keys of a document given as a value together. @default 5,000,000 */
  maxTotalChars: 5_000_000,
  /** Objects, arrays and scalars of a document given as a value. @default 1,000,000 */
  maxValues: 1_000_000,
  /**
   * Steps of one workflow. Far above any playbook a person draws, and low enough that
   * the checks quadratic in the worst case (ancestor sets) stay cheap. @default 5,000
   */
  maxSteps: 5_000,
  /** JSONata parses of one validation (about 50 µs each). @default 20,000 */
  maxExpressions: 20_000,
} as const;

const document = (message: string): Problem => ({ nodeId: WORKFLOW_NODE, path: '', message });

/** UTF-8 length, counted without encoding; stops counting once past `limit`. */
export function utf8Length(text: string, limit: number): number {
  let bytes = 0;
  for (let i = 0; i < text.length && bytes <= limit; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      bytes += 4; // a surrogate pair: one 4-byte character
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** A problem when the text is too large to load; the UTF-16 length alone settles most cases. */
export function checkTextSize(text: string): Problem | undefined {
  const tooLarge = text.length > LIMITS.maxBytes || utf8Length(text, LIMITS.maxBytes) > LIMITS.maxBytes;
  return tooLarge ? document(`the file is larger than ${LIMITS.maxBytes} bytes`) : undefined;
}

/** A problem when JSON text nests deeper than the limit (see jsonDepthExceededAt). */
export function checkTextDepth(text: string): Problem | undefined {
  const at = jsonDepthExceededAt(text, LIMITS.maxDepth);
  return at < 0 ? undefined : document(`nested deeper than ${LIMITS.maxDepth} levels (at character ${at})`);
}

interface Frame {
  value: unknown;
  depth: number;
  parent: Frame | undefined;
  key: string;
}

function pathOf(frame: Frame): string[] {
  const keys: string[] = [];
  for (let f: Frame | undefined = frame; f?.parent; f = f.parent) keys.push(f.key);
  return keys.reverse();
}

/**
 * Problems with the size of a document given as a value: too deep (a cycle counts as
 * too deep), a string too long, too much altogether. Iterative, linear, and stops early,
 * so that the schema never sees a value it could choke on.
 */
export function checkValueLimits(raw: unknown, triggerId: string | undefined): Problem[] {
  const problems: Problem[] = [];
  const stack: Frame[] = [{ value: raw, depth: 0, parent: undefined, key: '' }];
  let chars = 0;
  let values = 0;
  while (stack.length > 0 && problems.length < 20) {
    const frame = stack.pop();
    if (!frame) break;
    const { value } = frame;
    if (++values > LIMITS.maxValues) return [document(`more than ${LIMITS.maxValues} values`)];
    if (typeof value === 'string') {
      chars += Math.min(value.length, LIMITS.maxStringLength); // a longer one is reported on its own
      if (value.length > LIMITS.maxStringLength) {
        const message = `a string of ${value.length} characters (at most ${LIMITS.maxStringLength})`;
        problems.push(problemAt(pathOf(frame), message, triggerId));
      }
    } else if (typeof value === 'object' && value !== null) {
      if (frame.depth >= LIMITS.maxDepth) {
        return [problemAt(pathOf(frame), `nested deeper than ${LIMITS.maxDepth} levels`, triggerId)];
      }
      for (const [key, child] of Object.entries(value)) {
        chars += key.length;
        stack.push({ value: child, depth: frame.depth + 1, parent: frame, key });
      }
    }
    if (chars > LIMITS.maxTotalChars) return [...problems, document(`more than ${LIMITS.maxTotalChars} characters`)];
  }
  return problems;
}

/** A problem when a (migrated) document has more steps than the checks are made for. */
export function checkStepCount(value: unknown): Problem | undefined {
  const steps = isRecord(value) ? value['steps'] : undefined;
  const count = isRecord(steps) ? Object.keys(steps).length : 0;
  if (count <= LIMITS.maxSteps) return undefined;
  return { nodeId: WORKFLOW_NODE, path: 'steps', message: `${count} steps, more than ${LIMITS.maxSteps}` };
}
