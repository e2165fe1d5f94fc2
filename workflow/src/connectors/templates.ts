/**
 * Connector templates are the workflow's `{{ }}` templates (`splitTemplate`), with one
 * restriction: a placeholder holds a param name and nothing else, or one of the call's
 * context values (`context.runId`, `context.idempotencyKey`). The workflow computes
 * values with its expressions before they reach a connector, so a definition cannot run
 * code and every value it sends is one the step's form shows or the run itself.
 */
import { splitTemplate } from '../expression';
import { TEMPLATE_CONTEXT } from './auth';

const PARAM_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export interface TemplateScan {
  /** The param names the template's placeholders hold, in order. */
  names: string[];
  /** The context values it names (`context.runId`), in order. */
  context: string[];
  /** What is wrong with the template, if anything. */
  problems: string[];
}

/** The param names of a connector template, and placeholders that are not one. */
export function templateParams(template: string): TemplateScan {
  const scan: TemplateScan = { names: [], context: [], problems: [] };
  for (const part of splitTemplate(template)) {
    if (part.kind === 'text') {
      if (part.text.includes('{{')) scan.problems.push('a "{{" without its closing "}}"');
    } else if (PARAM_NAME.test(part.source)) scan.names.push(part.source);
    else if ((TEMPLATE_CONTEXT as readonly string[]).includes(part.source)) scan.context.push(part.source);
    else
      scan.problems.push(
        `{{ ${part.source} }} at ${part.offset}: a connector placeholder holds a param name (or context.runId, context.idempotencyKey) only`,
      );
  }
  return scan;
}

/** Every string in a JSON body with where it is (`['items', 0, 'ip']`): each is a template. */
export function bodyStrings(
  body: unknown,
  at: (string | number)[] = [],
): Array<{ path: (string | number)[]; template: string }> {
  if (typeof body === 'string') return [{ path: at, template: body }];
  if (Array.isArray(body)) return body.flatMap((v, i) => bodyStrings(v, [...at, i]));
  if (typeof body === 'object' && body !== null) {
    return Object.entries(body).flatMap(([k, v]) => bodyStrings(v, [...at, k]));
  }
  return [];
}
