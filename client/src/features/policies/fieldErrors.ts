/** The server's field errors (`details`, paths like `body.rule.guards.0.type`), for showing each at its field. */
import { ApiError } from '../../api/client';

export type FieldErrors = ReadonlyMap<string, string>;

export const NO_ERRORS: FieldErrors = new Map();

/** `details` by path; several messages for one path are joined. */
export function fieldErrorsOf(e: unknown): FieldErrors {
  const map = new Map<string, string>();
  if (!(e instanceof ApiError)) return map;
  // A taken id is a conflict without details; it still belongs beside the id.
  if (e.code === 'policy_exists') map.set('body.id', e.message);
  for (const d of e.details) map.set(d.path, map.has(d.path) ? `${map.get(d.path) ?? ''}; ${d.message}` : d.message);
  return map;
}

/** The errors no field of the form shows (`shown` are the paths it draws). */
export function unplaced(errors: FieldErrors, shown: ReadonlySet<string>): [string, string][] {
  return [...errors].filter(([path]) => !shown.has(path));
}
