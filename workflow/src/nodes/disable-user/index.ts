import { containment } from '../containment';
import { text } from '../text';

export const disableUser = containment({
  type: 'disable-user',
  label: 'Disable user',
  description: 'Disables an account in the identity provider.',
  icon: ['M9 11a4 4 0 1 0 0-8a4 4 0 1 0 0 8z', 'M2 21c0-4 3-7 7-7s7 3 7 7', 'M17 8l4 4', 'M21 8l-4 4'],
  kind: 'user',
  param: 'user',
  extra: {},
  summary: (p) => [`disable ${text(p['user'])}`],
});
