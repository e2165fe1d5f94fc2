import { containment } from '../containment';
import { text } from '../text';

export const isolateHost = containment({
  type: 'isolate-host',
  label: 'Isolate host',
  description: 'Isolates an endpoint from the network via the EDR.',
  icon: ['M3 4h18v12H3z', 'M8 20h8', 'M12 16v4', 'M3 3l18 18'],
  kind: 'host',
  param: 'host',
  extra: {},
  summary: (p) => [`isolate ${text(p['host'])}`],
});
