import { text, list, record } from '../text';
import type { ClientNodeType } from '../types';

export const approval: ClientNodeType = {
  type: 'approval',
  icon: ['M9 11a4 4 0 1 0 0-8a4 4 0 1 0 0 8z', 'M2 21c0-4 3-7 7-7s7 3 7 7', 'M16 11l2 2 4-4'],
  summary: (p) => {
    const who = record(p['approvers']);
    const names = [...list(who['roles']).map((r) => `@${r}`), ...list(who['users'])];
    return [`ask ${names.join(', ') || '—'}`, `timeout ${text(p['timeout'])} → ${text(p['onTimeout'], 'timeout')}`];
  },
};
