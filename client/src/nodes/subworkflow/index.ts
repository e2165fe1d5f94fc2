import { text } from '../text';
import type { ClientNodeType } from '../types';

export const subWorkflow: ClientNodeType = {
  type: 'subworkflow',
  icon: ['M12 3l9 5-9 5-9-5z', 'M3 13l9 5 9-5'],
  summary: (p) => [`calls ${text(p['workflow'])}`],
};
