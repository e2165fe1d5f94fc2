import { describe, expect, test } from 'vitest';
import { actionInWords, actorInWords, targetHref, targetTypeInWords } from './words';

describe('the audit log in words', () => {
  test.each([
    ['user:0190a1b2-0000-7000-8000-000000000001:alice', 'alice'],
    ['token:0190a1b2-0000-7000-8000-000000000002:bob', 'token of bob'],
    ['system:executor', 'system: executor'],
    ['system:probe:abuseipdb', 'system: probe:abuseipdb'],
    ['something-else', 'something-else'],
  ])('when the actor is %s then it reads "%s"', (actor, words) => {
    expect(actorInWords(actor)).toBe(words);
  });

  test.each([
    ['credential.created', 'Credential created'],
    ['workflow.webhook_secret_rotated', 'Workflow webhook secret rotated'],
    ['approval.break_glass', 'Approval by break-glass'],
  ])('when the action is %s then it reads "%s"', (action, words) => {
    expect(actionInWords(action)).toBe(words);
  });

  test('when a target type has a name then it is used, else its underscores read as spaces', () => {
    expect(targetTypeInWords('approval_task')).toBe('approval task');
    expect(targetTypeInWords('connector_credential')).toBe('credential');
    expect(targetTypeInWords('new_thing')).toBe('new thing');
  });

  test.each([
    [{ targetType: 'workflow', targetId: 'w-1', details: {} }, '/workflows/w-1'],
    [
      { targetType: 'workflow_version', targetId: 'v-1', details: { workflowId: 'w-1', number: 3 } },
      '/workflows/w-1/versions/3',
    ],
    [{ targetType: 'workflow_version', targetId: 'v-1', details: {} }, null],
    [{ targetType: 'run', targetId: 'r 1', details: {} }, '/runs/r%201'],
    [{ targetType: 'approval_task', targetId: 't-1', details: {} }, '/approvals/t-1'],
    [{ targetType: 'safety_policy', targetId: 'guarded', details: {} }, '/admin/policies#policy-title-guarded'],
    [{ targetType: 'connector_credential', targetId: 'fw', details: {} }, '/admin/credentials'],
    [{ targetType: 'api_token', targetId: 'k-1', details: {} }, null],
  ])('when the target is %o then it links to %s', (line, href) => {
    expect(targetHref(line)).toBe(href);
  });
});
