/** Small helpers that turn names from schemas into words for messages. */

/** Words that are acronyms, written as such. */
const ACRONYMS = new Set(['ip', 'url', 'uri', 'id', 'api', 'dns', 'cidr', 'http', 'https', 'ttl', 'ssh', 'mac', 'cve']);
/** Keys whose words alone read badly. */
const KEY_WORDS: Record<string, string> = { expectStatus: 'expected statuses', onTimeout: 'when it times out' };

/** `maxAgeInDays` → `max age in days`, `src_ip` → `src IP`. */
export function humanise(key: string): string {
  const known = KEY_WORDS[key];
  if (known) return known;
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .split(/\s+/)
    .map((w) => (ACRONYMS.has(w.toLowerCase()) ? w.toUpperCase() : w.toLowerCase()))
    .join(' ');
}

export const capital = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** Letters whose spoken name starts with a vowel sound (an "F", an "IP", an "SSH key"). */
const VOWEL_SOUND_LETTERS = new Set('AEFHILMNORSX');
/** Words written with a vowel that start with a consonant sound ("a user", "a one-time code"). */
const CONSONANT_SOUND = /^(u[bcfhjkqrstn][aeiou]|use|usu|uni|one|eu)/i;

/**
 * "a" or "an" before a noun phrase, by sound: an acronym by its first letter's name
 * (an IP address, a URL), a word by its first sound (an address, a user).
 * @example article('IP address') // 'an'
 */
export function article(noun: string): 'a' | 'an' {
  const word = noun.trim().split(/\s+/)[0] ?? '';
  if (word.length > 1 && word === word.toUpperCase() && /^[A-Z]/.test(word))
    return VOWEL_SOUND_LETTERS.has(word.charAt(0)) ? 'an' : 'a';
  if (CONSONANT_SOUND.test(word)) return 'a';
  return /^[aeiou]/i.test(word) ? 'an' : 'a';
}

/**
 * A schema property as a noun: its `title` (lower-cased unless it starts with an acronym:
 * "Max age in days" → "max age in days", "IP address" stays) or else its name in words.
 */
export function nounOf(name: string, schema: unknown): string {
  const title =
    typeof schema === 'object' && schema !== null && 'title' in schema && typeof schema.title === 'string'
      ? schema.title.trim()
      : '';
  if (title === '') return humanise(name);
  return /^[A-Z][A-Z]/.test(title) ? title : title.charAt(0).toLowerCase() + title.slice(1);
}
