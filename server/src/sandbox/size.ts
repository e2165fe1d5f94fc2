import { stepError, type StepError } from '../engine/errors';
import { jsonBytes } from '../engine/size';

/** A `output_too_large` error when the value's JSON exceeds `max` bytes. */
export function resultTooLarge(value: unknown, max: number): StepError | undefined {
  const size = jsonBytes(value);
  if (size === undefined || size <= max) return undefined;
  return stepError('output_too_large', `the expression's result is ${size} bytes of JSON, over the ${max}-byte limit`);
}
