import type { ClientNodeType } from '../types';

export const parallel: ClientNodeType = {
  type: 'parallel',
  icon: ['M6 3v6l6 4 6-4V3', 'M12 13v8'],
  summary: () => ['all branches at once'],
};
