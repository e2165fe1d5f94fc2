/** The UTF-8 size of a value's JSON, or undefined when it is not JSON (a function, undefined). */
export function jsonBytes(value: unknown): number | undefined {
  const text = JSON.stringify(value);
  return text === undefined ? undefined : Buffer.byteLength(text, 'utf8');
}
