/**
 * Where JSON text first nests deeper than `max`, found by counting brackets outside
 * strings — no parser recursion, whatever the depth — or -1 when it never does. Run it
 * before `JSON.parse` on untrusted text: code that walks the parsed value recursively
 * (copying, hashing, schema checks) would otherwise overflow the stack.
 */
export function jsonDepthExceededAt(text: string, max: number): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return i;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return -1;
}
