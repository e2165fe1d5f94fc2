import { text } from '../text';
import type { ClientNodeType } from '../types';

export const end: ClientNodeType = {
  type: 'end',
  icon: ['M5 21V4h12l-2 4 2 4H5'],
  summary: (p) => [text(p['status'], 'succeeded'), ...(text(p['message'], '') ? [text(p['message'])] : [])],
};
