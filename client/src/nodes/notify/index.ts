import { text } from '../text';
import type { ClientNodeType } from '../types';

export const notify: ClientNodeType = {
  type: 'notify',
  icon: ['M6 16v-5a6 6 0 0 1 12 0v5l2 2H4z', 'M10 21h4'],
  summary: (p) => [`${text(p['channel'])} → ${text(p['to'])}`],
};
