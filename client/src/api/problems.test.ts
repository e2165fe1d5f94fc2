import { describe, expect, test } from 'vitest';
import { ApiError } from './client';
import { detailWords, fieldErrorsOf, labelOfPath, problemList, problemWords, unplaced } from './problems';

const refused = (details: { path: string; message: string }[], code = 'validation_failed', message = 'x') =>
  new ApiError(400, code, message, details);

describe('an API error in words', () => {
  test.each([
    ['body.name', 'Name'],
    ['body.srcIp', 'Source IP'],
    ['body.reviewerIds', 'Reviewers'],
    ['body.reviewerIds.1', 'Reviewers (item 2)'],
    ['query.workflowId', 'Workflow'],
    ['body', ''],
    ['steps.lookup.params.input', 'Step lookup › Params › Input'],
    ['credentials.abuse-broken', 'Credential abuse-broken'],
    ['document.tests.0', 'Test 1'],
    ['document.lookup.params.url', 'Step lookup › URL'],
    ['document.workflow', 'The workflow'],
  ])('when a detail names %s then its field is called "%s"', (path, label) => {
    expect(labelOfPath(path)).toBe(label);
  });

  test('when a message already names its field then it is kept, else the field is put first', () => {
    expect(detailWords({ path: 'body.name', message: 'Name is required' })).toBe('Name is required');
    expect(detailWords({ path: 'body.value', message: 'not an IPv4 or IPv6 address' })).toBe(
      'Value: not an IPv4 or IPv6 address',
    );
    expect(detailWords({ path: 'body', message: 'Has a field it does not accept: "x"' })).toBe(
      'Has a field it does not accept: "x"',
    );
  });

  test('when the error is not from the API then its own message (or text) is the words', () => {
    expect(problemWords(new Error('network down'))).toBe('network down');
    expect(problemWords('plain')).toBe('plain');
    expect(problemList(new Error('network down'))).toEqual([]);
  });

  test('when a conflict has no details then it is placed at the field the page names for its code', () => {
    const taken = new ApiError(409, 'username_taken', 'bob is taken');
    expect([...fieldErrorsOf(taken, { username_taken: 'body.username' })]).toEqual([['body.username', 'bob is taken']]);
    expect(fieldErrorsOf(taken).size).toBe(0);
  });

  test('when one field has two messages then they are joined; the fields no input shows are listed in words', () => {
    const errors = fieldErrorsOf(
      refused([
        { path: 'body.name', message: 'Name is required' },
        { path: 'body.name', message: 'Name must be text' },
        { path: 'body.owner', message: 'too long' },
      ]),
    );
    expect(errors.get('body.name')).toBe('Name is required; Name must be text');
    expect(unplaced(errors, new Set(['body.name']))).toEqual([['body.owner', 'Owner: too long']]);
  });
});
