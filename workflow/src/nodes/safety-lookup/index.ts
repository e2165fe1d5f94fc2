import { z } from 'zod';
import { Template } from '../../expression-fields';
import { text } from '../text';
import { defineNode } from '../types';

/**
 * Asks the organisation's asset inventory and safety lists about one target, without
 * calling out: its criticality, owner, business service, tags, and whether it is
 * protected or auto-OK (with the matching entry). Playbooks branch on the output with a
 * condition, e.g. `$.steps.lookup.output.criticality = "critical"`.
 */
export const safetyLookup = defineNode({
  type: 'safety-lookup',
  category: 'logic',
  label: 'Safety lookup',
  description:
    'Looks a target up in the asset inventory and the protected / auto-OK lists: its criticality, owner and whether it may be contained.',
  icon: [
    'M12 3l8 3v6c0 5-3.5 8-8 9-4.5-1-8-4-8-9V6z',
    'M10.5 13.5a2.5 2.5 0 1 0 0-5 2.5 2.5 0 0 0 0 5z',
    'M12.5 12.5l3 3',
  ],
  params: z
    .object({
      target: Template.min(1, 'a target is required'),
      kind: z.enum(['ip', 'host', 'user']),
    })
    .strict(),
  defaults: { target: '', kind: 'ip' },
  ports: () => [{ id: 'out', label: 'Next', required: true }],
  effect: () => 'none',
  summary: (p) => [`${text(p['kind'])} ${text(p['target'])}`],
});
