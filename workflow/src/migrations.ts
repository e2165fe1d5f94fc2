import { z } from 'zod';
import { FORMAT_VERSION } from './document';
import { gatewayStep } from './legacy-gateway';
import { isRecord, problemAt, rawTriggerId, WORKFLOW_NODE, type Problem } from './problem';
import { issueMessage } from './validate/zod-issues';

/**
 * Format v0, the pre-release shape (edges as lists on each node, display data inline):
 *
 * ```
 * { formatVersion: 0, name, description?, tags?,
 *   trigger: { id, type, params, inputSchema?, next: [{ port: 'out', to }] },
 *   nodes: [{ id, type, label?, params, next: [{ port, to }], position?: { x, y } }] }
 * ```
 *
 * Only the structure is checked here; params and names are checked by the v1 schema
 * after the migration, so that a problem is reported once, in today's terms.
 */
const NextV0 = z.array(z.object({ port: z.string(), to: z.string() }).strict()).default([]);

const NodeV0 = z
  .object({
    id: z.string(),
    type: z.string(),
    label: z.string().optional(),
    params: z.unknown(),
    next: NextV0,
    position: z.object({ x: z.number(), y: z.number() }).strict().optional(),
  })
  .strict();

const DocumentV0 = z
  .object({
    formatVersion: z.literal(0),
    name: z.string(),
    description: z.string().optional(),
    tags: z.array(z.string()).optional(),
    trigger: z
      .object({
        id: z.string(),
        type: z.string(),
        params: z.unknown(),
        inputSchema: z.unknown().optional(),
        next: NextV0,
      })
      .strict(),
    nodes: z.array(NodeV0).default([]),
  })
  .strict();

type MigrationResult = { ok: true; value: unknown } | { ok: false; problems: Problem[] };

/** One step of the format's history: turns a document of version `from` into `from + 1`. */
interface Migration {
  from: number;
  up(raw: unknown): MigrationResult;
}

/** Next-lists grouped by port, targets kept in the order the author drew them. */
function transitionsOf(next: ReadonlyArray<{ port: string; to: string }>): Record<string, string[]> {
  const byPort = new Map<string, string[]>();
  for (const { port, to } of next) byPort.set(port, [...(byPort.get(port) ?? []), to]);
  return Object.fromEntries(byPort);
}

/** v0 paths (`nodes.3.next`) point at nodes by index; problems must name the node. */
function v0Problem(raw: unknown, path: readonly PropertyKey[], message: string): Problem {
  if (path[0] === 'nodes' && typeof path[1] === 'number' && isRecord(raw) && Array.isArray(raw['nodes'])) {
    const node: unknown = raw['nodes'][path[1]];
    const id = isRecord(node) ? node['id'] : undefined;
    if (typeof id === 'string') return { nodeId: id, path: path.slice(2).map(String).join('.'), message };
  }
  return problemAt(path, message, rawTriggerId(raw));
}

const v0ToV1: Migration = {
  from: 0,
  up(raw) {
    const parsed = DocumentV0.safeParse(raw);
    if (!parsed.success) {
      return { ok: false, problems: parsed.error.issues.map((i) => v0Problem(raw, i.path, issueMessage(i))) };
    }
    const doc = parsed.data;
    const seen = new Set<string>();
    const problems: Problem[] = [];
    for (const n of doc.nodes) {
      if (seen.has(n.id)) problems.push({ nodeId: n.id, path: '', message: `two nodes share the id "${n.id}"` });
      seen.add(n.id);
    }
    if (problems.length > 0) return { ok: false, problems };
    const { trigger } = doc;
    return {
      ok: true,
      value: {
        formatVersion: 1,
        metadata: {
          name: doc.name,
          ...(doc.description === undefined ? {} : { description: doc.description }),
          ...(doc.tags === undefined ? {} : { tags: doc.tags }),
        },
        trigger: {
          id: trigger.id,
          type: trigger.type,
          params: trigger.params,
          ...(trigger.inputSchema === undefined ? {} : { inputSchema: trigger.inputSchema }),
          transitions: transitionsOf(trigger.next),
        },
        steps: Object.fromEntries(
          doc.nodes.map((n) => [
            n.id,
            {
              type: n.type,
              ...(n.label === undefined ? {} : { label: n.label }),
              params: n.params,
              transitions: transitionsOf(n.next),
            },
          ]),
        ),
        ui: {
          positions: Object.fromEntries(doc.nodes.flatMap((n) => (n.position ? [[n.id, n.position]] : []))),
          notes: [],
        },
      },
    };
  },
};

/**
 * Format v2 retires the step types `block-ip`, `isolate-host`, `disable-user` and
 * `notify`: each becomes a `connector` step of `autonomic-gateway@1.0.0`, which sends the
 * same request (see `legacy-gateway.ts`). Only those steps' `type` and `params` change;
 * ids, transitions, retry, timeout, labels and layout stay as they were.
 */
const v1ToV2: Migration = {
  from: 1,
  up(raw) {
    if (!isRecord(raw)) return { ok: true, value: raw };
    const steps = raw['steps'];
    if (!isRecord(steps)) return { ok: true, value: { ...raw, formatVersion: 2 } };
    const migrated = Object.fromEntries(
      Object.entries(steps).map(([id, step]) => {
        if (!isRecord(step) || typeof step['type'] !== 'string') return [id, step];
        const gateway = gatewayStep(id, step['type'], step['params']);
        return [id, gateway ? { ...step, type: 'connector', params: gateway.params } : step];
      }),
    );
    return { ok: true, value: { ...raw, formatVersion: 2, steps: migrated } };
  },
};

/**
 * Format v3 turns sample events into test cases (`samples` → `tests`): each fixture (an
 * output) becomes `{ output }`, and the sample's expectation its assertions. A sample
 * that expected nothing used to "pass" whatever happened; as a case it expects the run to
 * succeed, which is what the review policy read into it.
 */
const v2ToV3: Migration = {
  from: 2,
  up(raw) {
    if (!isRecord(raw)) return { ok: true, value: raw };
    const { samples, ...rest } = raw;
    const tests = Array.isArray(samples) ? samples.map(sampleToCase) : [];
    return { ok: true, value: { ...rest, formatVersion: 3, tests } };
  },
};

function sampleToCase(sample: unknown): unknown {
  if (!isRecord(sample)) return sample;
  const { fixtures, expect, ...rest } = sample;
  const expectation = isRecord(expect) ? expect : {};
  return {
    ...rest,
    ...(isRecord(fixtures)
      ? { fixtures: Object.fromEntries(Object.entries(fixtures).map(([id, output]) => [id, { output }])) }
      : fixtures === undefined
        ? {}
        : { fixtures }),
    expect: { ...expectation, status: expectation['status'] ?? 'succeeded' },
  };
}

/** Every migration, keyed by the version it upgrades from. */
const MIGRATIONS: ReadonlyMap<number, Migration> = new Map([v0ToV1, v1ToV2, v2ToV3].map((m) => [m.from, m]));

export type MigrateResult = { ok: true; value: unknown; from: number } | { ok: false; problems: Problem[] };

const versionProblem = (message: string): MigrateResult => ({
  ok: false,
  problems: [{ nodeId: WORKFLOW_NODE, path: 'formatVersion', message }],
});

/**
 * Upgrades a raw document of any known format version to the current one, step by
 * step. The result still has to be parsed: migrating only reshapes. Never throws.
 */
export function migrateToLatest(raw: unknown): MigrateResult {
  return migrateTo(raw, FORMAT_VERSION);
}

/**
 * Upgrades a raw document to format `target` (at most the current one): the server reads
 * stored v1 documents as v1 to adopt the credentials their retired steps used.
 */
export function migrateTo(raw: unknown, target: number): MigrateResult {
  if (!isRecord(raw)) {
    return { ok: false, problems: [{ nodeId: WORKFLOW_NODE, path: '', message: 'a workflow must be a JSON object' }] };
  }
  const from = raw['formatVersion'];
  if (from === undefined) return versionProblem('formatVersion is missing');
  if (typeof from !== 'number' || !Number.isInteger(from)) return versionProblem('formatVersion must be an integer');
  if (from > FORMAT_VERSION) {
    return versionProblem(`format version ${from} is newer than this release reads (${FORMAT_VERSION})`);
  }
  let value: unknown = raw;
  for (let v = from; v < Math.min(target, FORMAT_VERSION); v++) {
    const migration = MIGRATIONS.get(v);
    if (!migration) return versionProblem(`unknown format version ${from}`);
    const step = migration.up(value);
    if (!step.ok) return step;
    value = step.value;
  }
  return { ok: true, value, from };
}
