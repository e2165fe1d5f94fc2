import type { ClientNodeType } from '../types';

export const manualTrigger: ClientNodeType = {
  type: 'trigger.manual',
  icon: ['M7 4l12 8-12 8z'],
  summary: () => ['started by hand'],
};
