import { ApiError } from '../../api/client';

/** Field key → messages: `document`, `connector.<field>`, `operations.<index>`, `healthAction`, or `form`. */
export type ImportErrors = Record<string, string[]>;

/**
 * Places a refusal of the import API where the page shows it: details name the field from
 * the request root (`body.operations.2.target.param`, `body.document`); an operation's
 * problems go under its row (by its index in the request), anything else under `form`.
 */
export function importErrorsOf(error: unknown): ImportErrors {
  const out: ImportErrors = {};
  const add = (key: string, message: string) => (out[key] ??= []).push(message);
  if (!(error instanceof ApiError)) {
    add('form', error instanceof Error ? error.message : String(error));
    return out;
  }
  for (const d of error.details) {
    const parts = d.path.replace(/^body\.?/, '').split('.');
    const [head, second] = parts;
    const rest = parts.slice(2).join('.');
    if (head === 'operations' && second !== undefined && /^\d+$/.test(second)) {
      add(`operations.${second}`, rest ? `${rest}: ${d.message}` : d.message);
    } else if (head === 'connector' && second) add(`connector.${second}`, d.message);
    else if (head === 'document' || head === 'healthAction' || head === 'operations') add(head, d.message);
    else add('form', d.message);
  }
  if (Object.keys(out).length === 0) add('form', error.message);
  return out;
}
