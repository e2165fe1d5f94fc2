import { z } from 'zod';
import { text } from '../text';
import { defineNode } from '../types';

export const join = defineNode({
  type: 'join',
  category: 'logic',
  label: 'Join',
  description: '"all" waits for every incoming branch; "any" continues with the first and cancels the rest.',
  icon: ['M6 21v-6l6-4 6 4v6', 'M12 11V3'],
  params: z.object({ mode: z.enum(['all', 'any']).default('all') }).strict(),
  defaults: { mode: 'all' },
  ports: () => [{ id: 'out', label: 'Next', required: true }],
  effect: () => 'none',
  summary: (p) => [`wait for ${text(p['mode'], 'all')}`],
});
