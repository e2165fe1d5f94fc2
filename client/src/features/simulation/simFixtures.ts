/**
 * The simulation's fixtures (the request's `fixtures`: step id → what the step answers)
 * as the fixture editor shows them. A value may be a whole fixture (`{ output }`,
 * `{ fail }`, `{ sequence }`, what the form writes) or, as experts and older clients
 * write it, the step's output itself; the server reads both. Entries of steps that do
 * not call out (an approval's `{ decision }`) are not in the form and are kept as they are.
 */
import { StepFixture } from '@autonomic/workflow';
import type { FixtureDraft, StepOption } from '../../forms/fixtures/fixtureDraft';
import { isJsonObject, parseJsonText, type Json, type JsonObject } from '../../forms/jsonValue';

/** The editor's fixtures of the steps that call out, read from the request's values. */
export function draftsOf(values: JsonObject, steps: readonly StepOption[]): Record<string, FixtureDraft> {
  const out: Record<string, FixtureDraft> = {};
  for (const s of steps) {
    if (!Object.hasOwn(values, s.id)) continue;
    const value = values[s.id] ?? null;
    const whole = StepFixture.safeParse(value);
    out[s.id] = whole.success ? whole.data : { output: value };
  }
  return out;
}

/**
 * The request's values after the editor changed its fixtures from `before` to `after`:
 * a fixture the editor did not touch keeps the value as it was written; a changed one is
 * written whole; one removed in the editor is gone. Other steps' entries stay.
 */
export function valuesWith(
  values: JsonObject,
  before: Record<string, FixtureDraft>,
  after: Record<string, FixtureDraft>,
): JsonObject {
  const next: JsonObject = {};
  for (const [id, v] of Object.entries(values)) {
    if (!Object.hasOwn(before, id) || Object.hasOwn(after, id)) next[id] = v;
  }
  for (const [id, f] of Object.entries(after)) {
    if (before[id] !== f) next[id] = asJson(f);
  }
  return next;
}

/** The ids of entries the form does not show (not a step that calls out). */
export const notInForm = (values: JsonObject, steps: readonly StepOption[]): string[] =>
  Object.keys(values).filter((id) => !steps.some((s) => s.id === id));

/** Reads the JSON view's text: a JSON object (empty text: no fixtures), or why not in words. */
export function readFixtures(text: string): { ok: true; value: JsonObject } | { ok: false; error: string } {
  if (text.trim() === '') return { ok: true, value: {} };
  const p = parseJsonText(text);
  if (!p.ok) return p;
  if (!isJsonObject(p.value)) {
    return { ok: false, error: 'the fixtures must be an object: each step id followed by what it answers' };
  }
  return { ok: true, value: p.value };
}

/** A fixture (zod's JSON values) as a plain JSON object, by its JSON text: the same value. */
function asJson(f: FixtureDraft): Json {
  const p = parseJsonText(JSON.stringify(f));
  return p.ok ? p.value : null;
}
