export type Parsed = { ok: true; value: unknown } | { ok: false; error: string };

/** Parses what a user typed as JSON; an empty text is `undefined`, an error names where it broke. */
export function parseJson(text: string): Parsed {
  if (text.trim() === '') return { ok: true, value: undefined };
  try {
    const value: unknown = JSON.parse(text);
    return { ok: true, value };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}

/** A JSON object of fixtures (step id → output), or why it is not one. */
export function parseFixtures(
  text: string,
): { ok: true; value: Record<string, unknown> | undefined } | { ok: false; error: string } {
  const p = parseJson(text);
  if (!p.ok) return p;
  if (p.value === undefined) return { ok: true, value: undefined };
  if (typeof p.value !== 'object' || p.value === null || Array.isArray(p.value)) {
    return { ok: false, error: 'fixtures must be a JSON object: step id → output' };
  }
  return { ok: true, value: Object.fromEntries(Object.entries(p.value)) };
}
