import { z } from 'zod';
import { defineNode } from '../types';

export const manualTrigger = defineNode({
  type: 'trigger.manual',
  category: 'trigger',
  label: 'Manual trigger',
  description: 'Started by an analyst from the UI or API with an event they provide.',
  icon: ['M7 4l12 8-12 8z'],
  params: z.object({}).strict(),
  defaults: {},
  ports: () => [{ id: 'out', label: 'Start', required: true }],
  effect: () => 'none',
  summary: () => ['started by hand'],
});
