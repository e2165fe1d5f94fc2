/** The server's field errors (`details`, paths like `body.rule.guards.0.type`), for showing each at its field. */
import { fieldErrorsOf as byField, type FieldErrors } from '../../api/problems';

export { NO_ERRORS, unplaced, type FieldErrors } from '../../api/problems';

/** `details` by path; a taken id is a conflict without details that still belongs beside the id. */
export function fieldErrorsOf(e: unknown): FieldErrors {
  return byField(e, { policy_exists: 'body.id' });
}
