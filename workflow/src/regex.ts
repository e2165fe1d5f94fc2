/**
 * Regular expressions with RE2 semantics (re2js, pure JavaScript): matching takes time
 * linear in the input, so no pattern can backtrack for seconds (`^(a+)+$` against a long
 * run of `a` and a `!` answers at once). Used for JSONata regex literals (`RegexEngine`)
 * and for JSON Schema `pattern` (ajv's `code.regExp`). RE2 has no lookaround and no
 * backreferences: such a pattern fails to compile with a clear message.
 */
import { RE2JS } from 're2js';

/** The RE2 flags of JavaScript regex flags (`g` and `y` are positional, not pattern flags). */
function flagsOf(flags: string): number {
  let f = 0;
  if (flags.includes('i')) f |= RE2JS.CASE_INSENSITIVE;
  if (flags.includes('m')) f |= RE2JS.MULTILINE;
  if (flags.includes('s')) f |= RE2JS.DOTALL;
  return f;
}

export class UnsupportedRegexError extends Error {}

function compile(source: string, flags: string): RE2JS {
  try {
    return RE2JS.compile(RE2JS.translateRegExp(source), flagsOf(flags));
  } catch (e) {
    throw new UnsupportedRegexError(
      `regular expression /${source}/ is not supported (linear-time RE2 syntax: no lookaround or backreferences): ${
        e instanceof Error ? e.message : String(e)
      }`,
    );
  }
}

type Match = (string | undefined)[] & { index: number; input: string };

/**
 * A RegExp look-alike over RE2: `exec` and `test` honour `lastIndex` the way JSONata
 * and ajv use them. Construct it from a pattern and flags or from a RegExp (JSONata's
 * parser hands a RegExp literal, which is never run by V8).
 */
export class Re2RegExp {
  readonly source: string;
  readonly flags: string;
  lastIndex = 0;
  private readonly re: RE2JS;

  constructor(pattern: string | RegExp, flags?: string) {
    this.source = typeof pattern === 'string' ? pattern : pattern.source;
    this.flags = flags ?? (typeof pattern === 'string' ? '' : pattern.flags);
    this.re = compile(this.source, this.flags);
  }

  exec(input: string): Match | null {
    const from = this.lastIndex;
    if (from > input.length) {
      this.lastIndex = 0;
      return null;
    }
    const m = this.re.matcher(input);
    if (!m.find(from)) {
      this.lastIndex = 0;
      return null;
    }
    const groups: (string | undefined)[] = [];
    for (let i = 0; i <= m.groupCount(); i++) groups.push(m.group(i) ?? undefined);
    const match = Object.assign(groups, { index: m.start(), input });
    this.lastIndex = m.end();
    return match;
  }

  /** Like RegExp's: ajv caches compiled patterns by it. */
  toString(): string {
    return `/${this.source}/${this.flags}`;
  }

  test(input: string): boolean {
    const from = this.flags.includes('g') || this.flags.includes('y') ? this.lastIndex : 0;
    const m = this.re.matcher(input);
    const found = from <= input.length && m.find(from);
    if (this.flags.includes('g') || this.flags.includes('y')) this.lastIndex = found ? m.end() : 0;
    return found;
  }
}

/**
 * For ajv: `new Ajv({ code: { regExp: re2RegExp } })`. `code` is what ajv would print for
 * standalone validation code (not used here: validators are compiled in process).
 */
export const re2RegExp = Object.assign((pattern: string, flags: string) => new Re2RegExp(pattern, flags), {
  code: 're2RegExp',
});
