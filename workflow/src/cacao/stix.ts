import type { VariableScope } from './variables';

/**
 * CACAO conditions are STIX 2.1 patterns. The simple ones become JSONata: comparisons
 * (= != < > <= >=) of a variable (`__count__:value`) or an observed object's property
 * (`[ipv4-addr:value = '1.2.3.4']`, read from the trigger event) with a literal or a
 * variable, joined with AND / OR / NOT and brackets. Anything else (LIKE, MATCHES, IN,
 * ISSUBSET, FOLLOWEDBY, WITHIN, REPEATS …) is unsupported and quoted back.
 */
export type StixResult = { ok: true; expression: string; fromEvent: boolean } | { ok: false; reason: string };

const TOKEN =
  /\s*(?:(\(|\)|\[|\])|(<=|>=|!=|=|<|>)|('(?:[^'\\]|\\.)*')|(-?\d+(?:\.\d+)?)|([A-Za-z_][A-Za-z0-9_:.-]*))/y;

type Tok = { kind: 'punct' | 'op' | 'str' | 'num' | 'word'; text: string };

function tokenize(src: string): Tok[] | string {
  const out: Tok[] = [];
  TOKEN.lastIndex = 0;
  const end = src.trimEnd().length;
  while (TOKEN.lastIndex < end) {
    const at = TOKEN.lastIndex;
    const m = TOKEN.exec(src);
    if (!m) return `cannot read the pattern from character ${at + 1}`;
    const [, punct, op, s, num, word] = m;
    if (punct) out.push({ kind: 'punct', text: punct });
    else if (op) out.push({ kind: 'op', text: op });
    else if (s) out.push({ kind: 'str', text: s });
    else if (num) out.push({ kind: 'num', text: num });
    else if (word) out.push({ kind: 'word', text: word });
  }
  return out;
}

class Parser {
  private i = 0;
  fromEvent = false;
  constructor(
    private readonly toks: Tok[],
    private readonly scope: VariableScope,
  ) {}

  private peek(): Tok | undefined {
    return this.toks[this.i];
  }
  private next(): Tok {
    const t = this.toks[this.i++];
    if (!t) throw new Error('the pattern ends too early');
    return t;
  }
  parse(): string {
    const e = this.or();
    if (this.peek()) throw new Error(`unexpected "${this.peek()?.text}"`);
    return e;
  }
  private keyword(word: string): boolean {
    const t = this.peek();
    if (t?.kind === 'word' && t.text.toUpperCase() === word) {
      this.i++;
      return true;
    }
    return false;
  }
  private or(): string {
    const parts = [this.and()];
    while (this.keyword('OR')) parts.push(this.and());
    return parts.length === 1 ? (parts[0] ?? '') : `(${parts.join(' or ')})`;
  }
  private and(): string {
    const parts = [this.unary()];
    while (this.keyword('AND')) parts.push(this.unary());
    return parts.length === 1 ? (parts[0] ?? '') : `(${parts.join(' and ')})`;
  }
  private unary(): string {
    if (this.keyword('NOT')) return `$not(${this.unary()})`;
    const t = this.peek();
    if (t?.kind === 'punct' && (t.text === '(' || t.text === '[')) {
      this.i++;
      const inner = this.or();
      const close = this.next();
      if (close.text !== (t.text === '(' ? ')' : ']')) throw new Error(`"${t.text}" is not closed`);
      return inner;
    }
    return this.comparison();
  }
  private comparison(): string {
    const left = this.operand();
    const op = this.next();
    if (op.kind !== 'op') throw new Error(`"${op.text}" is not a comparison this import maps (= != < > <= >=)`);
    const right = this.operand();
    return `${left} ${op.text} ${right}`;
  }
  private operand(): string {
    const t = this.next();
    if (t.kind === 'str') return `'${t.text.slice(1, -1).replace(/\\'/g, "\\'")}'`;
    if (t.kind === 'num') return t.text;
    if (t.kind !== 'word') throw new Error(`unexpected "${t.text}"`);
    if (/^(true|false)$/i.test(t.text)) return t.text.toLowerCase();
    const v = /^(__[A-Za-z_][A-Za-z0-9_-]*__)(?::value)?$/.exec(t.text);
    if (v?.[1]) return this.scope.expression(v[1]);
    const path = /^([a-z][a-z0-9-]*):([A-Za-z_][A-Za-z0-9_.]*)$/.exec(t.text);
    if (path?.[1] && path[2]) {
      this.fromEvent = true;
      return `event.\`${path[1]}\`.${path[2]}`;
    }
    throw new Error(`"${t.text}" is not a variable or an object path`);
  }
}

/** Our own encoding of a JSONata predicate that has no STIX form (see export). */
const OWN = /^\[x-autonomic-expression:value = '((?:[^'\\]|\\.)*)'\]$/s;

export function ownExpressionPattern(expression: string): string {
  return `[x-autonomic-expression:value = '${expression.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}']`;
}

/** Longer patterns are not mapped (a hostile file could make the tokenizer work hard). */
const MAX_PATTERN = 10_000;

export function stixToJsonata(pattern: string, scope: VariableScope): StixResult {
  if (pattern.length > MAX_PATTERN) return { ok: false, reason: `longer than ${MAX_PATTERN} characters` };
  const own = OWN.exec(pattern.trim());
  if (own?.[1] !== undefined) return { ok: true, expression: own[1].replace(/\\(.)/g, '$1'), fromEvent: false };
  const toks = tokenize(pattern);
  if (typeof toks === 'string') return { ok: false, reason: toks };
  const unsupported = toks.find(
    (t) =>
      t.kind === 'word' &&
      /^(LIKE|MATCHES|IN|ISSUBSET|ISSUPERSET|FOLLOWEDBY|WITHIN|REPEATS|START|STOP|EXISTS)$/i.test(t.text),
  );
  if (unsupported) return { ok: false, reason: `the STIX operator ${unsupported.text.toUpperCase()} has no mapping` };
  const parser = new Parser(toks, scope);
  try {
    return { ok: true, expression: parser.parse(), fromEvent: parser.fromEvent };
  } catch (e) {
    return { ok: false, reason: e instanceof Error ? e.message : String(e) };
  }
}

/** A predicate that makes the draft show a problem (an expression that does not parse), never one that is silently true. */
export function unmappedPredicate(pattern: string): string {
  return `CACAO condition not mapped, rewrite it: ${pattern.replace(/[{}]/g, '')}`;
}
