import { z } from 'zod';
import { Expression } from '../../expression-fields';
import { text } from '../text';
import { defineNode } from '../types';

export const subWorkflow = defineNode({
  type: 'subworkflow',
  category: 'logic',
  label: 'Sub-workflow',
  description: "Runs another workflow's published version with the given input and returns its output.",
  icon: ['M12 3l9 5-9 5-9-5z', 'M3 13l9 5 9-5'],
  params: z
    .object({
      workflow: z
        .string()
        .min(1, 'pick the workflow to call')
        .max(128, 'a workflow id has at most 128 characters')
        .meta({ title: 'Workflow', help: 'The workflow this step calls (its published version runs)' }),
      input: Expression.optional(),
    })
    .strict(),
  defaults: { workflow: '' },
  ports: () => [{ id: 'out', label: 'Next', required: true }],
  effect: () => 'none',
  summary: (p) => [`calls ${text(p['workflow'])}`],
});
