import { Duration } from '../../duration';
import { containment } from '../containment';
import { text } from '../text';

export const blockIp = containment({
  type: 'block-ip',
  label: 'Block IP',
  description: 'Blocks an IP address at the firewall.',
  icon: ['M12 3l8 3v6c0 5-4 8-8 9-4-1-8-4-8-9V6z', 'M4 4l16 16'],
  kind: 'ip',
  param: 'ip',
  extra: { duration: Duration.optional() },
  summary: (p) => [`block ${text(p['ip'])}`, ...(p['duration'] ? [`for ${text(p['duration'])}`] : [])],
});
