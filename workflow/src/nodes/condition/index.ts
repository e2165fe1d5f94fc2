import { z } from 'zod';
import { Expression } from '../../expression-fields';
import { text } from '../text';
import { defineNode } from '../types';

export const condition = defineNode({
  type: 'condition',
  category: 'logic',
  label: 'Condition',
  description: 'Follows "true" when the JSONata predicate holds, "false" otherwise.',
  icon: ['M12 3l9 9-9 9-9-9z'],
  params: z.object({ predicate: Expression.meta({ help: 'e.g. steps.enrich.output.score >= 70' }) }).strict(),
  defaults: { predicate: '' },
  ports: () => [
    { id: 'true', label: 'True', required: true },
    { id: 'false', label: 'False', required: false },
  ],
  effect: () => 'none',
  summary: (p) => [`if ${text(p['predicate'])}`],
});
