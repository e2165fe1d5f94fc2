import { text } from '../text';
import type { ClientNodeType } from '../types';

export const blockIp: ClientNodeType = {
  type: 'block-ip',
  icon: ['M12 3l8 3v6c0 5-4 8-8 9-4-1-8-4-8-9V6z', 'M4 4l16 16'],
  summary: (p) => [`block ${text(p['ip'])}`, ...(p['duration'] ? [`for ${text(p['duration'])}`] : [])],
};
