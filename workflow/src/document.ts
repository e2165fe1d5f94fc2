import { z } from 'zod';
import { Duration } from './duration';
import { NODE_TYPES } from './nodes';
import type { NodeDefinition } from './nodes';
import { RetryPolicy } from './retry';
import { TestCase } from './cases/schema';

export const FORMAT_VERSION = 3 as const;

/**
 * A node id: stable across renames (edges and references use it, never the label) and
 * usable as a JSONata path segment, so `steps.enrich_ip.output` always parses.
 */
export const NodeId = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, 'a node id: a letter or _, then letters, digits or _ (64 at most)');
export type NodeId = z.infer<typeof NodeId>;

/** Outgoing transitions: port id → the steps it leads to (several only on a parallel fan-out). */
export const Transitions = z.record(z.string().regex(/^[a-z][a-z0-9_]{0,31}$/, 'a port id'), z.array(NodeId).max(64));
export type Transitions = z.infer<typeof Transitions>;

export const Severity = z.enum(['low', 'medium', 'high', 'critical']);

export const Metadata = z
  .object({
    name: z.string().trim().min(1, 'a name is required').max(120),
    description: z.string().max(5_000).default(''),
    tags: z.array(z.string().min(1).max(40)).max(20).default([]),
    owner: z.string().max(128).optional(),
    severity: Severity.default('medium'),
    category: z.string().max(64).default('general'),
    /** Minutes an analyst needs to do this by hand; the dashboards measure time saved against it. */
    manualBaselineMinutes: z.number().min(0).max(10_000).optional(),
  })
  .strict();
export type Metadata = z.infer<typeof Metadata>;

/** A JSON Schema object describing the event a trigger brings (kept as data, checked by ajv). */
export const InputSchema = z.record(z.string(), z.json());

function triggerSchema(def: NodeDefinition) {
  return z
    .object({
      id: NodeId,
      type: z.literal(def.type),
      label: z.string().max(120).default(def.label),
      params: def.params,
      inputSchema: InputSchema.default({ type: 'object' }),
      transitions: Transitions.default({}),
    })
    .strict();
}

function stepSchema(def: NodeDefinition) {
  return z
    .object({
      type: z.literal(def.type),
      label: z.string().max(120).default(def.label),
      params: def.params,
      transitions: Transitions.default({}),
      retry: RetryPolicy.optional(),
      timeout: Duration.optional(),
    })
    .strict();
}

const triggerDefs = NODE_TYPES.filter((d) => d.category === 'trigger');
const stepDefs = NODE_TYPES.filter((d) => d.category !== 'trigger');

export const Trigger = z.discriminatedUnion(
  'type',
  triggerDefs.map(triggerSchema) as unknown as [
    ReturnType<typeof triggerSchema>,
    ...ReturnType<typeof triggerSchema>[],
  ],
);
export type Trigger = z.infer<typeof Trigger>;

export const Step = z.discriminatedUnion(
  'type',
  stepDefs.map(stepSchema) as unknown as [ReturnType<typeof stepSchema>, ...ReturnType<typeof stepSchema>[]],
);
export type Step = z.infer<typeof Step>;

/** Layout only: no logic, no diff and no content hash looks at it. */
export const UiBlock = z
  .object({
    positions: z.record(z.string(), z.object({ x: z.number(), y: z.number() }).strict()).default({}),
    notes: z
      .array(
        z
          .object({
            id: z.string().min(1).max(64),
            x: z.number(),
            y: z.number(),
            width: z.number().positive().optional(),
            height: z.number().positive().optional(),
            text: z.string().max(10_000),
          })
          .strict(),
      )
      .max(500)
      .default([]),
  })
  .strict();
export type UiBlock = z.infer<typeof UiBlock>;

/**
 * The workflow's exception handler: when a step fails and nothing handles it (no `error`
 * port wired, the run would end failed), the run continues at `continueAt` with
 * `failure: { step, error: { kind, message, status? } }` in expression scope. A failure
 * on the handler's own path is not caught again: the run fails.
 */
export const OnFailure = z.object({ continueAt: NodeId }).strict();
export type OnFailure = z.infer<typeof OnFailure>;

/** The workflow document, format v3: what the editor produces and the server runs. */
export const WorkflowDocument = z
  .object({
    formatVersion: z.literal(FORMAT_VERSION),
    metadata: Metadata,
    trigger: Trigger,
    steps: z.record(NodeId, Step).default({}),
    /** Constants every expression sees as `vars`. */
    vars: z.record(z.string(), z.json()).default({}),
    /** On an unhandled step failure, continue at this step instead of failing the run. */
    onFailure: OnFailure.optional(),
    /** Test cases: simulated on every saved version; reviewed and diffed like the steps. */
    tests: z.array(TestCase).max(50).default([]),
    ui: UiBlock.default({ positions: {}, notes: [] }),
  })
  .strict();
export type WorkflowDocument = z.infer<typeof WorkflowDocument>;
/** The document as written (defaults may be missing). */
export type WorkflowDocumentInput = z.input<typeof WorkflowDocument>;
