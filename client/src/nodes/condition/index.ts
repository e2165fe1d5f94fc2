import { text } from '../text';
import type { ClientNodeType } from '../types';

export const condition: ClientNodeType = {
  type: 'condition',
  icon: ['M12 3l9 9-9 9-9-9z'],
  summary: (p) => [`if ${text(p['predicate'])}`],
};
