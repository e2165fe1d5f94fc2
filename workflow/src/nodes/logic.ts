import { z } from 'zod';
import { Duration } from '../duration';
import { Expression, Template } from '../expression-fields';
import { defineNode } from './types';

const out = [{ id: 'out', label: 'Next', required: true }];
const PORT_ID = /^[a-z][a-z0-9_]{0,31}$/;

export const condition = defineNode({
  type: 'condition',
  category: 'logic',
  label: 'Condition',
  description: 'Follows "true" when the JSONata predicate holds, "false" otherwise.',
  icon: 'split',
  params: z.object({ predicate: Expression.meta({ help: 'e.g. steps.enrich.output.score >= 70' }) }).strict(),
  defaults: { predicate: '' },
  ports: () => [
    { id: 'true', label: 'True', required: true },
    { id: 'false', label: 'False', required: false },
  ],
  effect: () => 'none',
});

export const switchNode = defineNode({
  type: 'switch',
  category: 'logic',
  label: 'Switch',
  description: 'Follows the first case whose value equals the expression, else "default".',
  icon: 'switch',
  params: z
    .object({
      value: Expression,
      cases: z
        .array(
          z
            .object({
              port: z.string().regex(PORT_ID, 'a port id: lower-case letters, digits, _'),
              label: z.string().max(80).optional(),
              equals: z.union([z.string(), z.number(), z.boolean(), z.null()]),
            })
            .strict(),
        )
        .min(1)
        .max(32)
        .refine((cs) => new Set(cs.map((c) => c.port)).size === cs.length, 'case ports must be unique')
        .refine(
          (cs) => !cs.some((c) => c.port === 'default' || c.port === 'error'),
          '"default" and "error" are reserved',
        ),
    })
    .strict(),
  defaults: { value: '', cases: [{ port: 'case_1', equals: '' }] },
  ports: (p) => [
    ...p.cases.map((c) => ({ id: c.port, label: c.label ?? String(c.equals), required: false })),
    { id: 'default', label: 'Default', required: false },
  ],
  effect: () => 'none',
});

export const parallel = defineNode({
  type: 'parallel',
  category: 'logic',
  label: 'Parallel',
  description: 'Starts every connected branch at once; a Join brings them back together.',
  icon: 'fork',
  params: z.object({}).strict(),
  defaults: {},
  ports: () => [{ id: 'branches', label: 'Branches', required: true, multiple: true }],
  effect: () => 'none',
});

export const join = defineNode({
  type: 'join',
  category: 'logic',
  label: 'Join',
  description: '"all" waits for every incoming branch; "any" continues with the first and cancels the rest.',
  icon: 'merge',
  params: z.object({ mode: z.enum(['all', 'any']).default('all') }).strict(),
  defaults: { mode: 'all' },
  ports: () => out,
  effect: () => 'none',
});

export const forEach = defineNode({
  type: 'foreach',
  category: 'logic',
  label: 'For each',
  description:
    'Runs the "item" branch once per element (expressions see `item` and `index`); the branch ends by returning to this node or by ending. Then follows "done".',
  icon: 'repeat',
  params: z
    .object({
      items: Expression.meta({ help: 'An array, e.g. event.indicators' }),
      concurrency: z.int().min(1).max(100).default(5),
      onItemError: z.enum(['fail', 'continue']).default('fail'),
      maxItems: z.int().min(1).max(100_000).default(10_000),
    })
    .strict(),
  defaults: { items: '', concurrency: 5, onItemError: 'fail', maxItems: 10_000 },
  ports: () => [
    { id: 'item', label: 'Each item', required: true },
    { id: 'done', label: 'Done', required: false },
  ],
  effect: () => 'none',
});

export const delay = defineNode({
  type: 'delay',
  category: 'logic',
  label: 'Delay',
  description: 'Waits for a duration. The wait is stored state: it survives a restart.',
  icon: 'hourglass',
  params: z.object({ duration: Duration }).strict(),
  defaults: { duration: '1m' },
  ports: () => out,
  effect: () => 'none',
});

export const transform = defineNode({
  type: 'transform',
  category: 'logic',
  label: 'Transform',
  description: "Computes a value with JSONata; the value is this step's output.",
  icon: 'function',
  params: z.object({ expression: Expression }).strict(),
  defaults: { expression: '' },
  ports: () => out,
  effect: () => 'none',
});

export const subWorkflow = defineNode({
  type: 'subworkflow',
  category: 'logic',
  label: 'Sub-workflow',
  description: "Runs another workflow's published version with the given input and returns its output.",
  icon: 'layers',
  params: z
    .object({
      workflow: z.string().min(1).max(128).meta({ help: "The called workflow's id" }),
      input: Expression.optional(),
    })
    .strict(),
  defaults: { workflow: '' },
  ports: () => out,
  effect: () => 'none',
});

export const end = defineNode({
  type: 'end',
  category: 'logic',
  label: 'End',
  description: 'Ends the run as succeeded or failed, with a message.',
  icon: 'flag',
  params: z
    .object({
      status: z.enum(['succeeded', 'failed']).default('succeeded'),
      message: Template.default(''),
      output: Expression.optional(),
    })
    .strict(),
  defaults: { status: 'succeeded', message: '' },
  ports: () => [],
  effect: () => 'none',
});
