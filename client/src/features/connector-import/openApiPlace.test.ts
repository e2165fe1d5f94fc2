import { describe, expect, test } from 'vitest';
import { openApiPlace, placedMessage } from './openApiPlace';

describe('where an OpenAPI problem is, in words', () => {
  test.each([
    ['(root)', 'The document'],
    ['paths./ip.get.parameters.0', 'Operation GET /ip › parameter 1'],
    ['paths./v1.0/hosts/{id}.post.requestBody', 'Operation POST /v1.0/hosts/{id} › request body'],
    ['paths./ip.get.responses.200', 'Operation GET /ip › response 200'],
    ['paths', 'Operations'],
    ['components.securitySchemes.PartnerLogin', 'Security scheme PartnerLogin'],
    ['components.schemas.Host.$ref', 'Schema Host › reference'],
    ['servers.0.url', 'Server 1 › URL'],
    ['security', 'Security'],
    ['webhooks.alert', 'Webhook alert'],
  ])('%s reads "%s"', (path, words) => {
    expect(openApiPlace(path)).toBe(words);
  });

  test('a message that starts with a document path names the place in words; another is kept', () => {
    expect(placedMessage('components.schemas.Host.$ref: points outside the document')).toBe(
      'Schema Host › reference: points outside the document',
    );
    expect(placedMessage('(root): not valid JSON')).toBe('The document: not valid JSON');
    expect(placedMessage('the document has no operations')).toBe('the document has no operations');
  });
});
