import { text } from '../text';
import type { ClientNodeType } from '../types';

export const transform: ClientNodeType = {
  type: 'transform',
  icon: ['M9 21c2 0 3-2 3-5V8c0-3 1-5 3-5', 'M8 11h8'],
  summary: (p) => [text(p['expression'])],
};
