import { z } from 'zod';
import { Expression } from '../../expression-fields';
import { text } from '../text';
import { defineNode } from '../types';

export const transform = defineNode({
  type: 'transform',
  category: 'logic',
  label: 'Transform',
  description: "Computes a value with JSONata; the value is this step's output.",
  icon: ['M9 21c2 0 3-2 3-5V8c0-3 1-5 3-5', 'M8 11h8'],
  params: z.object({ expression: Expression }).strict(),
  defaults: { expression: '' },
  ports: () => [{ id: 'out', label: 'Next', required: true }],
  effect: () => 'none',
  summary: (p) => [text(p['expression'])],
});
