import { text } from '../text';
import type { ClientNodeType } from '../types';

export const isolateHost: ClientNodeType = {
  type: 'isolate-host',
  icon: ['M3 4h18v12H3z', 'M8 20h8', 'M12 16v4', 'M3 3l18 18'],
  summary: (p) => [`isolate ${text(p['host'])}`],
};
