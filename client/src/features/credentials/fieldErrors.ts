import { ApiError } from '../../api/client';
import { problemWords } from '../../api/problems';

/** Field key → messages: `name`, `connectorId`, `mode`, `value`, `baseUrl`, `settings.<key>`, or `form`. */
export type FieldErrors = Record<string, string[]>;

/**
 * Places a refusal of the credential API under the fields at fault. Details name them from
 * the request root (`body.name`); a settings problem is `body.settings` with an ajv message
 * naming the setting (`/host must match pattern …`, `/ lacks host`), or `body.settings.<key>`. A name taken
 * is a 409 without details. Anything not placed goes to `form`.
 */
export function fieldErrorsOf(error: unknown): FieldErrors {
  const out: FieldErrors = {};
  const add = (key: string, message: string) => (out[key] ??= []).push(message);
  if (!(error instanceof ApiError)) {
    add('form', problemWords(error));
    return out;
  }
  if (error.code === 'credential_name_taken') add('name', error.message);
  for (const d of error.details) {
    const path = d.path.replace(/^body\.?/, '');
    if (path === 'settings') {
      const lacks = /^\/ lacks ([A-Za-z0-9_]+)$/.exec(d.message);
      const named = /^\/([A-Za-z0-9_]+) (.*)$/.exec(d.message);
      if (lacks?.[1]) add(`settings.${lacks[1]}`, 'is required');
      else if (named?.[1]) add(`settings.${named[1]}`, named[2] ?? d.message);
      else add('settings', d.message);
    } else if (path !== '') add(path.split('.').slice(0, 2).join('.'), d.message);
    else add('form', d.message);
  }
  if (Object.keys(out).length === 0) add('form', error.message);
  return out;
}
