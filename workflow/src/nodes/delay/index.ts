import { z } from 'zod';
import { Duration } from '../../duration';
import { text } from '../text';
import { defineNode } from '../types';

export const delay = defineNode({
  type: 'delay',
  category: 'logic',
  label: 'Delay',
  description: 'Waits for a duration. The wait is stored state: it survives a restart.',
  icon: ['M6 3h12', 'M6 21h12', 'M7 3c0 5 10 7 10 18', 'M17 3c0 5-10 7-10 18'],
  params: z.object({ duration: Duration }).strict(),
  defaults: { duration: '1m' },
  ports: () => [{ id: 'out', label: 'Next', required: true }],
  effect: () => 'none',
  summary: (p) => [`wait ${text(p['duration'])}`],
});
