import { z } from 'zod';
import { Expression, Template } from '../../expression-fields';
import { text } from '../text';
import { defineNode } from '../types';

export const end = defineNode({
  type: 'end',
  category: 'logic',
  label: 'End',
  description: 'Ends the run as succeeded or failed, with a message.',
  icon: ['M5 21V4h12l-2 4 2 4H5'],
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
  summary: (p) => [text(p['status'], 'succeeded'), ...(text(p['message'], '') ? [text(p['message'])] : [])],
});
