import { describe, expect, it } from 'vitest';
import { autonomicGateway } from '../../connectors/autonomic-gateway/definition';
import { ValidationError } from '../../src/errors';
import { checkValue } from '../../src/services/credentials/checks';

/** The value is checked against the auth the credential picked, not only the definition's default. */
describe('credential values of a connector with an auth choice', () => {
  it.each([
    ['bearer (the default)', {}, 'tok'],
    ['bearer', { auth: 'bearer' }, 'tok'],
    ['header', { auth: 'header', header: 'X-Key' }, 'k'],
    ['basic with user:password', { auth: 'basic' }, 'soar:pw'],
    ['none', { auth: 'none' }, 'none'],
  ])('when the credential picks %s then the value %j is accepted', (_, settings, value) => {
    expect(() => checkValue(autonomicGateway, value, 'body.value', settings)).not.toThrow();
  });

  it.each([
    ['basic without a colon', { auth: 'basic' }, 'just-a-token', 'the value is user:password'],
    ['an auth the connector does not offer', { auth: 'kerberos' }, 'x', 'names none of its auth options'],
  ])('when the credential picks %s then the value is refused', (_, settings, value, says) => {
    expect(() => checkValue(autonomicGateway, value, 'body.value', settings)).toThrow(ValidationError);
    try {
      checkValue(autonomicGateway, value, 'body.value', settings);
    } catch (e) {
      expect(JSON.stringify((e as ValidationError).details)).toContain(says);
    }
  });
});
