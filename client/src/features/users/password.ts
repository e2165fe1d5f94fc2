/** Letters and digits without look-alikes (0/O, 1/l/I), so a password read aloud or copied by hand survives. */
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

/**
 * A random password for a new account or a reset: 20 characters from a 57-letter
 * alphabet (about 116 bits), from the browser's cryptographic generator.
 * @default length 20
 */
export function generatePassword(length = 20): string {
  const out: string[] = [];
  const bytes = new Uint8Array(1);
  while (out.length < length) {
    crypto.getRandomValues(bytes);
    const b = bytes[0] ?? 255;
    // Rejection sampling: only bytes below the largest multiple of the alphabet's size, so every letter is equally likely.
    if (b < 256 - (256 % ALPHABET.length)) out.push(ALPHABET[b % ALPHABET.length] ?? '');
  }
  return out.join('');
}
