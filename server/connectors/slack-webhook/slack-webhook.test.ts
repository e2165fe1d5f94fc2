/** The Slack incoming-webhook connector against its mock over real HTTP: the URL is the secret, answers are text. */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { slackWebhook } from './definition';
import { startSlackWebhookMock, WEBHOOK_PATH, WEBHOOK_SECRET, type SlackWebhookMock } from './mock';
import { failure, testClient, type TestClient } from '../../test/connectors/support';

let mock: SlackWebhookMock;
let t: TestClient;
beforeAll(async () => {
  mock = await startSlackWebhookMock();
});
beforeEach(() => {
  t = testClient();
  mock.calls.length = 0;
  mock.posted.length = 0;
  mock.archived.on = false;
});
afterEach(() => t.http.close());
afterAll(() => mock.close());

const send = (params: Record<string, unknown>, credential = mock.url) =>
  t.client.execute({ definition: slackWebhook, action: 'send_message', params, credential, baseUrl: mock.baseUrl });
/** Every text a failure could show, to look for the secret in. */
const shown = (e: Error) => `${e.message} ${JSON.stringify(e)} ${String(e.stack)}`;

describe('Slack webhook messages', () => {
  it('when a message is sent then Slack gets it at the webhook URL and the text answer ok is the output', async () => {
    const result = await send({ text: 'Host *web-01* isolated', blocks: [{ type: 'divider' }] });

    expect(result).toEqual({ status: 200, output: 'ok' });
    expect(mock.calls[0]?.path).toBe(`${WEBHOOK_PATH}/${WEBHOOK_SECRET}`);
    expect(mock.calls[0]?.headers['content-type']).toBe('application/json');
    expect(mock.posted).toEqual([{ text: 'Host *web-01* isolated', blocks: [{ type: 'divider' }] }]);
  });

  it('when Slack rate limits once then the client waits Retry-After and the message is posted once', async () => {
    mock.rateLimitNext(1, 2);
    const result = await send({ text: 'x' });

    expect(result.output).toBe('ok');
    expect(t.waits).toEqual([2_000]);
    expect(mock.calls).toHaveLength(2);
    expect(mock.posted).toHaveLength(1);
  });
});

describe('Slack webhook errors', () => {
  it('when the secret part of the URL is wrong then the error is auth and no message shows the URL', async () => {
    const wrong = `${mock.baseUrl}${WEBHOOK_PATH}/WrongSecretPart1234567`;
    const e = await failure(send({ text: 'x' }, wrong));

    expect(e).toMatchObject({ kind: 'auth', status: 403, retryable: false });
    expect(e.message).toContain('invalid_token');
    expect(shown(e)).not.toContain('WrongSecretPart1234567');
    expect(shown(e)).not.toContain(WEBHOOK_PATH);
  });

  it('when the webhook was removed then the error is not_found saying no_service', async () => {
    const e = await failure(send({ text: 'x' }, `${mock.baseUrl}/services/T0/B0/gone-gone-gone`));
    expect(e).toMatchObject({ kind: 'not_found', status: 404 });
    expect(e.message).toContain('no_service');
  });

  it('when the channel is archived then the 410 names it and is not retried', async () => {
    mock.archived.on = true;
    const e = await failure(send({ text: 'x' }));
    expect(e).toMatchObject({ kind: 'http', status: 410, retryable: false });
    expect(e.message).toContain('channel_is_archived');
    expect(mock.calls).toHaveLength(1);
  });

  it('when the credential URL is not under the base URL then nothing is sent and the URL is not shown', async () => {
    const e = await failure(send({ text: 'x' }, `https://evil.example${WEBHOOK_PATH}/${WEBHOOK_SECRET}`));
    expect(e.kind).toBe('invalid_params');
    expect(shown(e)).not.toContain(WEBHOOK_SECRET);
    expect(mock.calls).toHaveLength(0);
  });

  it('when the text is empty then nothing is sent', async () => {
    const e = await failure(send({ text: '' }));
    expect(e.kind).toBe('invalid_params');
    expect(mock.calls).toHaveLength(0);
  });

  it('when the answer is not ok then it does not match the schema and is bad_response', async () => {
    const e = await failure(
      t.client.execute({
        definition: {
          ...slackWebhook,
          actions: { send_message: { ...slackWebhook.actions['send_message']!, response: { const: 'done' } } },
        },
        action: 'send_message',
        params: { text: 'x' },
        credential: mock.url,
        baseUrl: mock.baseUrl,
      }),
    );
    expect(e.kind).toBe('bad_response');
  });
});
