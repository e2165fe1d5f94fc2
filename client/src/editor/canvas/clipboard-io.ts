/**
 * The system clipboard as JSON text, with an in-memory copy for browsers (or tests) where
 * it cannot be read: a copy in one workflow pastes into another, in this tab or another.
 */
import { parseClipboard, type ClipboardPayload } from '../commands';

let memory: ClipboardPayload | null = null;

export function rememberCopy(payload: ClipboardPayload): void {
  memory = payload;
}

export function rememberedCopy(): ClipboardPayload | null {
  return memory;
}

/** Writes the text to the system clipboard when the browser lets us; never throws. */
export async function writeSystemClipboard(text: string): Promise<void> {
  try {
    await navigator.clipboard?.writeText(text);
  } catch {
    // Not allowed here (no focus, no permission): the in-memory copy still pastes in this tab.
  }
}

/** The payload on the system clipboard, else the in-memory copy; null when neither holds nodes. */
export async function readClipboardPayload(): Promise<ClipboardPayload | null> {
  try {
    const text = await navigator.clipboard?.readText();
    if (text) return parseClipboard(text);
  } catch {
    // Reading needs a permission the page may not have.
  }
  return memory;
}
