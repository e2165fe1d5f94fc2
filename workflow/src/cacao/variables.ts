/**
 * CACAO variables (`__name__`, read as `__name__:value`) and our `vars` / step outputs.
 * A constant becomes a key of `vars`; a variable a step sets (its `out_args`) is read
 * from that step's output, falling back to its initial value in `vars`.
 */
export const VAR_REF = /__([A-Za-z_][A-Za-z0-9_-]{0,199})__(?::value)?/g;

/** `__bia_address__` → `bia_address` (a plain JSONata name). */
export function varKey(cacaoName: string): string {
  const inner = cacaoName.replace(/^__/, '').replace(/__$/, '');
  const key = inner.replace(/[^A-Za-z0-9_]/g, '_');
  return /^[A-Za-z_]/.test(key) ? key : `_${key}`;
}

/** How each CACAO variable is read in an expression. */
export class VariableScope {
  /** Variable → the outputs that set it (`steps.<id>.output` or, for an HTTP request, `steps.<id>.output.body`). */
  private readonly setters = new Map<string, string[]>();

  /** The step `nodeId` sets `__name__` (an out_arg); an HTTP request sets it in its response body. */
  setBy(cacaoName: string, nodeId: string, inBody = false): void {
    const key = varKey(cacaoName);
    const at = `steps.${nodeId}.output${inBody ? '.body' : ''}`;
    this.setters.set(key, [...(this.setters.get(key) ?? []), at]);
  }

  setterOf(cacaoName: string): string[] {
    return this.setters.get(varKey(cacaoName)) ?? [];
  }

  /** A JSONata expression reading the variable now. */
  expression(cacaoName: string): string {
    const key = varKey(cacaoName);
    const fallback = `vars.${key}`;
    return (this.setters.get(key) ?? []).reduceRight(
      (rest, at) => `($exists(${at}.${key}) ? ${at}.${key} : ${rest})`,
      fallback,
    );
  }

  /** Text with `__name__(:value)` references as `{{ }}` templates; `used` collects the names seen. */
  template(text: string, used: Set<string>): string {
    return text.replace(VAR_REF, (_m, name: string) => {
      used.add(`__${name}__`);
      return `{{ ${this.expression(`__${name}__`)} }}`;
    });
  }
}

const TEMPLATE_VAR = /\{\{\s*vars\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/** For export: `{{ vars.name }}` back to `__name__:value`; other templates stay as written. */
export function toCacaoText(text: string): string {
  return text.replace(TEMPLATE_VAR, (_m, key: string) => `__${key}__:value`);
}

/** A CACAO variable value (always a string or null in CACAO) as the JSON value of its type. */
export function varValue(type: string, value: string | null | undefined): string | number | boolean | null {
  if (value === undefined || value === null) return null;
  if (['integer', 'long', 'float'].includes(type)) {
    const n = Number(value);
    return Number.isFinite(n) ? n : value;
  }
  if (type === 'bool') return value === 'true' ? true : value === 'false' ? false : value;
  return value;
}

/** Our value as a CACAO variable (type and string value). */
export function toCacaoVariable(value: unknown): { type: string; value: string } {
  if (typeof value === 'number') return { type: Number.isInteger(value) ? 'integer' : 'float', value: String(value) };
  if (typeof value === 'boolean') return { type: 'bool', value: String(value) };
  if (typeof value === 'string') return { type: 'string', value };
  return { type: 'dictionary', value: JSON.stringify(value) };
}
