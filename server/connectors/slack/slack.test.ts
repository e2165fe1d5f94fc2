/** The Slack connector against its mock over real HTTP: posting, threads, token checks, rate limits and 200 failures. */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { slack } from './definition';
import { checkAnswer } from '../../src/connectors/schemas';
import { SLACK_TOKEN, startSlackMock, type SlackMock } from './mock';
import { failure, testClient, type TestClient } from '../../test/connectors/support';

let mock: SlackMock;
let t: TestClient;
beforeAll(async () => {
  mock = await startSlackMock();
});
beforeEach(() => {
  t = testClient();
  mock.calls.length = 0;
  mock.messages.length = 0;
});
afterEach(() => t.http.close());
afterAll(() => mock.close());

const run = (action: string, params: Record<string, unknown>, credential = SLACK_TOKEN) =>
  t.client.execute({ definition: slack, action, params, credential, baseUrl: mock.baseUrl });
const post = (params: Record<string, unknown>, credential?: string) => run('chat_post_message', params, credential);

const BLOCKS = [
  { type: 'header', text: { type: 'plain_text', text: 'Blocked 203.0.113.66' } },
  { type: 'section', text: { type: 'mrkdwn', text: '*AbuseIPDB score* 100' } },
];

describe('Slack chat_post_message', () => {
  it('when a message with blocks is posted to #name then Slack stores it in the channel and the ts comes back', async () => {
    const result = await post({ channel: '#soc-alerts', text: 'Blocked 203.0.113.66', blocks: BLOCKS });

    expect(result.status).toBe(200);
    expect(result.output).toMatchObject({ ok: true, channel: 'C024BE91L', ts: expect.any(String) });
    expect(mock.messages).toEqual([
      {
        channel: 'C024BE91L',
        text: 'Blocked 203.0.113.66',
        blocks: BLOCKS,
        thread_ts: undefined,
        ts: expect.any(String),
      },
    ]);
    const [call] = mock.calls;
    expect(call?.path).toBe('/api/chat.postMessage');
    expect(call?.headers.authorization).toBe(`Bearer ${SLACK_TOKEN}`);
    expect(call?.headers['content-type']).toContain('application/json');
    // Optional params not given are left out of the body, not sent as null.
    expect(JSON.parse(call?.body ?? '')).toEqual({
      channel: '#soc-alerts',
      text: 'Blocked 203.0.113.66',
      blocks: BLOCKS,
    });
  });

  it('when a reply names the parent ts then it is posted in that thread', async () => {
    const parent = await post({ channel: 'C024BE91L', text: 'Case 42 opened' });
    const ts = (parent.output as { ts: string }).ts;
    await post({ channel: 'C024BE91L', text: 'Host isolated', thread_ts: ts });

    expect(mock.messages[1]).toMatchObject({ text: 'Host isolated', thread_ts: ts });
  });

  it.each(Object.keys(slack.actions))(
    'when %s answers then the answer and the example both match its response schema',
    async (id) => {
      const action = slack.actions[id];
      const params = id === 'chat_post_message' ? { channel: 'C024BE91L', text: 'hi', blocks: BLOCKS } : {};
      const result = await run(id, params);

      expect(checkAnswer(action?.response ?? {}, result.output)).toEqual({ ok: true, value: result.output });
      expect(checkAnswer(action?.response ?? {}, action?.example)).toEqual({ ok: true, value: action?.example });
    },
  );

  it('when the connection is tested then auth.test names the workspace and the bot', async () => {
    const health = slack.healthAction;
    const result = await run(health?.action ?? '', health?.params ?? {});

    expect(result.output).toMatchObject({ ok: true, team: 'ACME SOC', user_id: 'U0123ABCDEF' });
    expect(mock.calls[0]?.path).toBe('/api/auth.test');
  });
});

describe('Slack errors', () => {
  it('when the token is wrong then the 200 ok false invalid_auth is an auth error without the token', async () => {
    const wrong = 'xoxb-0000-wrong-token-value';
    const e = await failure(post({ channel: 'C024BE91L', text: 'x' }, wrong));

    expect(e).toMatchObject({ kind: 'auth', status: 200, retryable: false });
    expect(e.message).toContain('invalid_auth');
    expect(e.message).not.toContain(wrong);
    expect(mock.messages).toEqual([]);
  });

  it('when the health action runs with a wrong token then it fails as auth', async () => {
    const e = await failure(run('auth_test', {}, 'xoxb-revoked'));
    expect(e.kind).toBe('auth');
  });

  it('when the channel does not exist then the error is http with channel_not_found and nothing is retried', async () => {
    const e = await failure(post({ channel: '#nowhere', text: 'x' }));

    expect(e).toMatchObject({ kind: 'http', status: 200, retryable: false });
    expect(e.message).toContain('channel_not_found');
    expect(mock.calls).toHaveLength(1);
  });

  it('when Slack rate limits once then the client waits Retry-After and the message is posted once', async () => {
    mock.rateLimitNext(1, 2);
    const result = await post({ channel: 'C024BE91L', text: 'x' });

    expect(result.status).toBe(200);
    expect(t.waits).toEqual([2_000]);
    expect(mock.calls).toHaveLength(2);
    expect(mock.messages).toHaveLength(1);
  });

  it('when Slack keeps rate limiting then the error is rate_limited with ratelimited', async () => {
    mock.rateLimitNext(3, 1);
    const e = await failure(post({ channel: 'C024BE91L', text: 'x' }));

    expect(e).toMatchObject({ kind: 'rate_limited', status: 429, retryAfterMs: 1_000 });
    expect(e.message).toContain('ratelimited');
  });

  it('when the text is missing then nothing is sent and the error names the param', async () => {
    const e = await failure(post({ channel: 'C024BE91L' }));

    expect(e.kind).toBe('invalid_params');
    expect(e.message).toContain('text');
    expect(mock.calls).toHaveLength(0);
  });
});
