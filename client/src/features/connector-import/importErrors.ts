import { fieldLabel } from '@autonomic/api';
import { ApiError } from '../../api/client';
import { problemWords } from '../../api/problems';
import { placedMessage } from './openApiPlace';

/** Field key → messages: `document`, `connector.<field>`, `operations.<index>`, `healthAction`, or `form`. */
export type ImportErrors = Record<string, string[]>;

/**
 * Places a refusal of the import API where the page shows it: details name the field from
 * the request root (`body.operations.2.target.param`, `body.document`); an operation's
 * problems go under its row (by its index in the request) with the field in words, a
 * document problem with its place in words, anything else under `form`.
 */
export function importErrorsOf(error: unknown): ImportErrors {
  const out: ImportErrors = {};
  const add = (key: string, message: string) => (out[key] ??= []).push(message);
  if (!(error instanceof ApiError)) {
    add('form', problemWords(error));
    return out;
  }
  for (const d of error.details) {
    const parts = d.path.replace(/^body\.?/, '').split('.');
    const [head, second] = parts;
    const field = fieldLabel(parts.slice(2));
    if (head === 'operations' && second !== undefined && /^\d+$/.test(second)) {
      add(`operations.${second}`, field ? `${field}: ${d.message}` : d.message);
    } else if (head === 'connector' && second) add(`connector.${second}`, d.message);
    else if (head === 'document') add(head, placedMessage(d.message));
    else if (head === 'healthAction' || head === 'operations') add(head, d.message);
    else add('form', d.message);
  }
  if (Object.keys(out).length === 0) add('form', error.message);
  return out;
}
