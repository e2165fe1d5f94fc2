import { z } from 'zod';
import { Expression } from '../../expression-fields';
import { text } from '../text';
import { defineNode } from '../types';

/** The most rounds a loop may be given: a bound, not a way to run forever. */
export const MAX_LOOP_ROUNDS = 10_000;

/**
 * A bounded loop ("repeat until"): a while loop (`check: 'before'`) or a do-until
 * (`check: 'after'`) with a required maximum of rounds. The body returns to this node
 * like a for-each item branch returns to its for-each.
 */
export const loop = defineNode({
  type: 'loop',
  category: 'logic',
  label: 'Repeat until',
  description:
    'Runs the "Each round" branch again and again until the condition holds, then follows "Condition met". ' +
    'The branch ends by returning to this node. Expressions in the branch and in the condition see `loop.round`, ' +
    'the round number from 1. "Check before each round" asks the condition before a round starts (before the ' +
    'first round `loop.round` is 1 and no round has run, so it may run no round at all); "after each round" asks it ' +
    'when a round has finished (`loop.round` is the round just finished; at least one round runs). After the ' +
    'maximum number of rounds without the condition holding, the loop follows "Maximum reached"; with nothing ' +
    'connected there, the run fails saying the bound was reached.',
  icon: ['M17 2l4 4-4 4', 'M3 11v-1a4 4 0 0 1 4-4h14', 'M7 22l-4-4 4-4', 'M21 13v1a4 4 0 0 1-4 4H3'],
  params: z
    .object({
      until: Expression.meta({ help: 'Stop when this holds, e.g. steps.count_sessions.output.count = 0' }),
      check: z.enum(['before', 'after']).default('before').meta({
        help: 'before: check before each round (may run none); after: check after each round (runs at least one)',
      }),
      maxRounds: z.int().min(1).max(MAX_LOOP_ROUNDS).meta({ help: 'The most rounds it may run (1 to 10,000)' }),
    })
    .strict(),
  defaults: { until: '', check: 'before', maxRounds: 10 },
  ports: () => [
    { id: 'body', label: 'Each round', required: true },
    { id: 'done', label: 'Condition met', required: false },
    { id: 'max_reached', label: 'Maximum reached', required: false },
  ],
  effect: () => 'none',
  summary: (p) => [`until ${text(p['until'])}`, `at most ${text(p['maxRounds'])} rounds`],
});
