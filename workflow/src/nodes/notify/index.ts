import { z } from 'zod';
import { Template } from '../../expression-fields';
import { text } from '../text';
import { defineNode } from '../types';

export const notify = defineNode({
  type: 'notify',
  category: 'action',
  label: 'Notify',
  description: 'Sends a message to a chat channel, an e-mail address or a ticket queue.',
  icon: ['M6 16v-5a6 6 0 0 1 12 0v5l2 2H4z', 'M10 21h4'],
  params: z
    .object({
      channel: z.enum(['slack', 'teams', 'email', 'ticket', 'webhook']),
      to: Template.min(1, 'a recipient is required'),
      subject: Template.optional(),
      message: Template.min(1, 'a message is required'),
    })
    .strict(),
  defaults: { channel: 'slack', to: '', message: '' },
  ports: () => [{ id: 'out', label: 'Next', required: false }],
  effect: () => 'write',
  summary: (p) => [`${text(p['channel'])} → ${text(p['to'])}`],
  exampleOutput: { delivered: true, messageId: 'example-message-id' },
});
