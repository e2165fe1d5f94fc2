import { z } from 'zod';
import { Expression } from '../../expression-fields';
import { text } from '../text';
import { defineNode } from '../types';

const PORT_ID = /^[a-z][a-z0-9_]{0,31}$/;

export const switchNode = defineNode({
  type: 'switch',
  category: 'logic',
  label: 'Switch',
  description: 'Follows the first case whose value equals the expression, else "default".',
  icon: ['M4 7h16', 'M4 12h16', 'M4 17h16', 'M17 4l3 3-3 3'],
  params: z
    .object({
      value: Expression,
      cases: z
        .array(
          z
            .object({
              port: z.string().regex(PORT_ID, 'a port id: lower-case letters, digits, _'),
              label: z.string().max(80, 'a label has at most 80 characters').optional(),
              equals: z.union([z.string(), z.number(), z.boolean(), z.null()]),
            })
            .strict(),
        )
        .min(1, 'add at least one case')
        .max(32, 'at most 32 cases')
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
  summary: (p) => [`on ${text(p['value'])}`, `${Array.isArray(p['cases']) ? p['cases'].length : 0} case(s) + default`],
});
