import { z } from 'zod';

/**
 * Every error code the API answers with, each documented once. Codes are stable: the
 * client switches on them; the message is for people and may change.
 */
export const ERROR_CODES = {
  // Request shape
  validation_failed: 'a parameter, query field or body field is invalid; `details` names each one',
  invalid_json: 'the request body is not valid JSON',
  invalid_body: 'the request body is not what this route reads (e.g. a webhook body that is not an object)',
  invalid_event: "the event does not match the trigger's input schema; `details` names each field",
  payload_too_large: 'the request body is larger than the server accepts',
  bad_request: 'the HTTP request itself is malformed',
  not_found: 'no such route or resource (or you may not know it exists)',
  // Who you are
  unauthenticated: 'sign in first, or the session or API token is no longer valid',
  invalid_credentials: 'unknown user, wrong password or disabled account (one answer for all three)',
  rate_limited: 'too many failed sign-ins from this address; wait and try again',
  csrf_failed: 'an unsafe request with a session cookie lacks the right x-csrf-token header',
  session_required: 'this action needs a signed-in person, not an API token',
  wrong_password: 'the current password given is wrong',
  invalid_signature: 'a webhook delivery is unsigned, wrongly signed, stale or replayed',
  // What you may do
  forbidden: 'your role or relation to the resource does not allow this',
  self_approval: 'the author of a version can never approve it, not even as admin',
  not_a_reviewer: 'the review was requested from other reviewers: only they decide (an admin may, with a reason)',
  not_an_approver: 'you are not named as an approver of this task',
  not_yet_escalated: 'you are an approver of a later escalation level that has not been reached yet',
  own_settings_change: 'whoever asked to loosen a safety setting never approves it, not even as admin',
  // State conflicts
  conflict: 'the resource changed in a way that makes the request impossible; reload and retry',
  already_published: 'the version is already the published one',
  already_decided: 'the approval task is no longer open',
  already_voted: 'you have already decided on this approval task',
  already_ended: 'the run has already ended',
  not_failed: 'only a failed run is re-run (the message names the run and its status)',
  not_rerunnable: 'a simulation or a sub-workflow run is not re-run on its own (re-run its parent)',
  change_closed: 'the settings change is no longer pending',
  review_closed: 'the review is no longer open',
  stale_content: 'the content you reviewed is not this version’s',
  version_invalid: 'the version has validation problems, so it cannot go further',
  not_draft: 'only a draft version can be sent for review',
  not_approved: 'only an approved version (or one published before) can be published',
  no_version: 'there is no version to act on',
  no_tests: 'the version has no test cases to run',
  not_published: 'the workflow has no published version',
  not_webhook: 'the published version is not triggered by a webhook',
  kill_switch: "the workflow's kill switch is on: no new live run starts",
  duplicate_entry: 'the value is already on that safety list',
  asset_referenced: 'safety entries refer to the asset (the message names them): remove or detach them first',
  username_taken: 'another user has that username',
  cannot_disable_self: 'you cannot disable your own account',
  cannot_demote_self: 'you cannot change your own role',
  last_admin: 'the last enabled admin cannot be disabled or demoted',
  credential_name_taken: 'another connector credential has that name',
  connection_test_failed: "the new credential value failed the connector's test connection; the old value stays",
  connector_builtin: 'a built-in connector has that id: a custom connector takes an id of its own',
  connector_version_exists: 'that connector version is already stored: versions are immutable, add a newer one',
  connector_version_not_newer: 'a new connector version must be greater (semver) than every stored version of it',
  connector_version_pinned: 'stored workflow versions pin that connector version (the message names them)',
  connector_not_pending: 'the connector version is not awaiting review (already installed or rejected)',
  credential_failing:
    'a credential the version uses failed its latest health probe (details name each); publish again with an override and a reason',
  connector_version_current: 'the steps already pin the connector version the upgrade asks for',
  connector_upgrade_invalid:
    'a step cannot be re-pinned: its action is gone from that version or its input does not fit the new params (details name each step and field)',
  policy_violation:
    'the version breaks a safety policy no admin waived for it (details name each policy and step); an admin may waive it for this version with a reason',
  policy_not_violated: 'the safety policy holds for this version (or is switched off): there is nothing to waive',
  policy_exists: 'a safety policy with that id already exists',
  policy_builtin: 'a default safety policy can be edited or switched off, never deleted',
  // Server
  internal: 'an unexpected server error (logged; the message says nothing more)',
  // Signed approval links (server/src/services/approval-notifications)
  link_used: 'this approval link was already used: each link decides once',
  link_expired: 'this approval link has expired (it lasts until the task times out)',
  link_not_yours: 'this approval link was sent to another approver',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;
export const ERROR_CODE_LIST = Object.keys(ERROR_CODES) as readonly string[] as readonly ErrorCode[];

/**
 * One field at fault: `path` names it from the request root (`body.metadata.name`) and
 * `code` says what is wrong (zod's issue code, e.g. `too_small`), both for programs;
 * `message` is for people ("Name is required").
 */
export const ErrorDetail = z.object({ path: z.string(), message: z.string(), code: z.string().optional() });
export type ErrorDetail = z.infer<typeof ErrorDetail>;

/**
 * The one error body every API route answers with. `code` is read as a string so an
 * older client survives a newer server's code; `isErrorCode` narrows it.
 */
export const ApiErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.array(ErrorDetail).default([]),
  }),
});
export type ApiErrorBody = z.infer<typeof ApiErrorBody>;

export function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(ERROR_CODES, code);
}
