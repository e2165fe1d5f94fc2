import { z } from 'zod';

/**
 * A JSONata expression over `{ event, steps: { <id>: { output } }, vars }` (plus `item`
 * and `index` inside a for-each body). Evaluated, never `eval`ed.
 */
export const Expression = z.string().min(1, 'an expression is required').max(20_000).meta({ widget: 'expression' });

/**
 * Text with `{{ expression }}` placeholders. A template that is exactly one placeholder
 * yields the expression's value unchanged (an array stays an array).
 */
export const Template = z.string().max(100_000).meta({ widget: 'template' });

/** The name of a stored secret; resolved by the effects adapter, never put in the trace. */
export const SecretRef = z
  .string()
  .regex(/^[A-Za-z0-9_.-]{1,64}$/, 'a secret name is 1 to 64 letters, digits, _ . or -')
  .meta({ widget: 'secret' });
