import { stepError, type StepError } from '../engine/errors';

/** The UTF-8 size of a value as JSON, or undefined when it is not JSON (a function, undefined). */
export function jsonBytes(value: unknown): number | undefined {
  const text = JSON.stringify(value);
  return text === undefined ? undefined : Buffer.byteLength(text, 'utf8');
}

/** A `output_too_large` error when the value's JSON exceeds `max` bytes. */
export function resultTooLarge(value: unknown, max: number): StepError | undefined {
  const size = jsonBytes(value);
  if (size === undefined || size <= max) return undefined;
  return stepError('output_too_large', `the expression's result is ${size} bytes of JSON, over the ${max}-byte limit`);
}
