import { z } from 'zod';
import { defineNode } from '../types';

export const parallel = defineNode({
  type: 'parallel',
  category: 'logic',
  label: 'Parallel',
  description: 'Starts every connected branch at once; a Join brings them back together.',
  icon: ['M6 3v6l6 4 6-4V3', 'M12 13v8'],
  params: z.object({}).strict(),
  defaults: {},
  ports: () => [{ id: 'branches', label: 'Branches', required: true, multiple: true }],
  effect: () => 'none',
  summary: () => ['all branches at once'],
});
