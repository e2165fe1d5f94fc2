import { text } from '../text';
import type { ClientNodeType } from '../types';

export const switchNode: ClientNodeType = {
  type: 'switch',
  icon: ['M4 7h16', 'M4 12h16', 'M4 17h16', 'M17 4l3 3-3 3'],
  summary: (p) => [`on ${text(p['value'])}`, `${Array.isArray(p['cases']) ? p['cases'].length : 0} case(s) + default`],
};
