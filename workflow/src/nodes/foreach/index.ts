import { z } from 'zod';
import { Expression } from '../../expression-fields';
import { text } from '../text';
import { defineNode } from '../types';

export const forEach = defineNode({
  type: 'foreach',
  category: 'logic',
  label: 'For each',
  description:
    'Runs the "item" branch once per element (expressions see `item` and `index`); the branch ends by returning to this node or by ending. Then follows "done". ' +
    'With "Stop when", that condition is asked after each finished item (it sees that item\'s `item`, `index` and `steps`); once it holds no new item starts and the node follows "done" with `{ broken: true, processed }`.',
  icon: ['M4 12a8 8 0 0 1 14-5l2 2', 'M20 4v5h-5', 'M20 12a8 8 0 0 1-14 5l-2-2', 'M4 20v-5h5'],
  params: z
    .object({
      items: Expression.meta({ help: 'An array, e.g. event.indicators' }),
      concurrency: z.int().min(1).max(100).default(5),
      onItemError: z.enum(['fail', 'continue']).default('fail'),
      maxItems: z.int().min(1).max(100_000).default(10_000),
      /** Asked after each finished item; once true no new item starts (a `break`). */
      breakWhen: Expression.meta({
        help: 'Stop starting items once this holds, e.g. steps.lookup.output.found',
      }).optional(),
    })
    .strict(),
  defaults: { items: '', concurrency: 5, onItemError: 'fail', maxItems: 10_000 },
  ports: () => [
    { id: 'item', label: 'Each item', required: true },
    { id: 'done', label: 'Done', required: false },
  ],
  effect: () => 'none',
  summary: (p) => [`each of ${text(p['items'])}`, `${text(p['concurrency'], '5')} at a time`],
});
