/**
 * What a saved document is: the parsed document when the schema accepts it (semantic
 * problems allowed: a draft may be unfinished), else a draft kept as written as long
 * as it has the shape of a current-format document (once migrated) and stays within the
 * loader's limits. Anything else is refused, so that a stored version is always a
 * document the editor can open.
 */
import {
  contentHash,
  FORMAT_VERSION,
  LIMITS,
  migrateToLatest,
  validateDocument,
  type Problem,
  type WorkflowDocument,
} from '@autonomic/workflow';
import { withinBounds } from '@autonomic/api';
import { z } from 'zod';
import { ValidationError, type ErrorDetail } from '../../errors';

export interface PreparedDocument {
  /** What is stored. */
  document: object;
  /** Present when the schema accepts the document. */
  parsed?: WorkflowDocument;
  contentHash: string;
  name: string;
  problems: Problem[];
}

/** The least a draft needs: a current-format envelope (after migration) with a name, a trigger and a steps map. */
const DraftEnvelope = z
  .object({
    formatVersion: z.literal(FORMAT_VERSION),
    metadata: z.looseObject({ name: z.string().trim().min(1).max(120) }),
    trigger: z.looseObject({ id: z.string().max(64), type: z.string().max(64) }),
    steps: z.record(z.string(), z.looseObject({ type: z.string().max(64) })).optional(),
  })
  .loose();

/** Problems → error details naming each node: `document.<node id>.<path>`. */
export function problemDetails(problems: readonly Problem[]): ErrorDetail[] {
  return problems.map((p) => ({
    path: ['document', p.nodeId, p.path].filter(Boolean).join('.'),
    message: p.message,
  }));
}

function refuse(problems: Problem[]): never {
  throw new ValidationError('the document cannot be saved', problemDetails(problems));
}

/** Validates a document for saving; throws a 400 (details per problem) when it cannot be stored. */
export function prepareDocument(raw: unknown): PreparedDocument {
  const result = validateDocument(raw);
  if (result.document) {
    const doc = result.document;
    return {
      document: doc,
      parsed: doc,
      contentHash: contentHash(doc),
      name: doc.metadata.name,
      problems: result.problems,
    };
  }
  if (!withinBounds(raw)) refuse(result.problems);
  const migrated = migrateToLatest(raw);
  if (!migrated.ok) refuse(migrated.problems);
  const draft = DraftEnvelope.safeParse(migrated.value);
  if (!draft.success) refuse(result.problems);
  if (Object.keys(draft.data.steps ?? {}).length > LIMITS.maxSteps) refuse(result.problems);
  return {
    document: draft.data,
    contentHash: draftHash(draft.data),
    name: draft.data.metadata.name.trim(),
    problems: result.problems,
  };
}

/**
 * `contentHash` only drops `ui` and serialises canonically; it reads no other field, so
 * it hashes a draft the schema does not accept yet just as well.
 */
function draftHash(draft: z.infer<typeof DraftEnvelope>): string {
  return contentHash(draft as unknown as WorkflowDocument);
}

/** A stored document, loaded again: the parsed document (when it parses) and its problems. */
export function loadStored(document: unknown): { parsed?: WorkflowDocument; problems: Problem[] } {
  const r = validateDocument(document);
  return r.document ? { parsed: r.document, problems: r.problems } : { problems: r.problems };
}

/**
 * The workflow a first version is compared with: the same metadata and trigger, no
 * steps, no vars and no test cases, so that every step shows as added (a destructive one
 * makes the change high risk).
 */
export function emptyLike(doc: WorkflowDocument): WorkflowDocument {
  return {
    ...doc,
    trigger: { ...doc.trigger, transitions: {} },
    steps: {},
    vars: {},
    tests: [],
  };
}
