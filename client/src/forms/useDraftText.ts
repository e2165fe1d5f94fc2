import { useState } from 'react';
import { sameJson, type Json } from './jsonValue';

/** What a text reads as: a value (undefined when empty), or why it is none yet. */
export type Reading = { ok: true; value: Json | undefined } | { ok: false; error: string };

/**
 * The text of a field whose value is not the text itself (a number, lines, JSON): what
 * was typed stays as typed ("7." while typing 7.5, a trailing new line) as long as it
 * still reads as the value; when the value changes from elsewhere (an undo, the JSON
 * view), the field shows the value again.
 */
export function useDraftText(
  value: Json | undefined,
  format: (v: Json | undefined) => string,
  read: (text: string) => Reading,
  onChange: (v: Json | undefined) => void,
): { text: string; error: string | null; change(text: string): void; reset(): void } {
  const [draft, setDraft] = useState<string | null>(null);
  const reading = draft === null ? null : read(draft);
  const current = reading !== null && (!reading.ok || sameJson(reading.value, value));
  return {
    text: current && draft !== null ? draft : format(value),
    error: current && reading && !reading.ok ? reading.error : null,
    change(text) {
      setDraft(text);
      const r = read(text);
      if (r.ok) onChange(r.value);
    },
    reset: () => setDraft(null),
  };
}
