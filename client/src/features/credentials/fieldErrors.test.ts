import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client';
import { fieldErrorsOf } from './fieldErrors';

const refused = (details: { path: string; message: string }[], code = 'validation_failed', message = 'invalid body') =>
  new ApiError(400, code, message, details);

describe('fieldErrorsOf', () => {
  it.each([
    ['a body field', [{ path: 'body.value', message: 'a value is required' }], { value: ['a value is required'] }],
    ['a missing setting', [{ path: 'body.settings', message: '/ lacks host' }], { 'settings.host': ['is required'] }],
    [
      'a setting of the wrong shape',
      [{ path: 'body.settings', message: '/port must match pattern "^[0-9]{1,5}$"' }],
      { 'settings.port': ['must match pattern "^[0-9]{1,5}$"'] },
    ],
    [
      'a setting named by path',
      [{ path: 'body.settings.host', message: 'too long' }],
      { 'settings.host': ['too long'] },
    ],
    [
      'settings as a whole',
      [{ path: 'body.settings', message: 'at most 50 settings' }],
      { settings: ['at most 50 settings'] },
    ],
    ['the body itself', [{ path: 'body', message: 'nothing to change' }], { form: ['nothing to change'] }],
  ])('when the server names %s then the message is placed there', (_, details, expected) => {
    expect(fieldErrorsOf(refused(details))).toEqual(expected);
  });

  it('when the name is taken (a 409 without details) then the message is at the name', () => {
    const taken = new ApiError(409, 'credential_name_taken', 'a credential named "x" exists');
    expect(fieldErrorsOf(taken)).toEqual({ name: ['a credential named "x" exists'] });
  });

  it('when nothing names a field then the message is the form’s', () => {
    expect(fieldErrorsOf(refused([], 'forbidden', 'admins only'))).toEqual({ form: ['admins only'] });
    expect(fieldErrorsOf(new Error('offline'))).toEqual({ form: ['offline'] });
  });
});
