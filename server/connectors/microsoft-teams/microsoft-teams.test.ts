/**
 * The Teams webhook connector against its mock over real HTTP: a message, an Adaptive Card and
 * a MessageCard through the legacy Incoming Webhook (text answer `1`), Teams' plain-text 400s,
 * its 200 that reports a failed delivery, throttling without Retry-After, a wrong URL, and a
 * Workflows webhook (signed query kept, empty 202, a wrong sig).
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { checkAnswer } from '../../src/connectors/schemas';
import { failure, testClient, type TestClient } from '../../test/connectors/support';
import { microsoftTeams } from './definition';
import {
  CONNECTOR_PREFIX,
  CONNECTOR_SECRET,
  startTeamsMock,
  WORKFLOW_PATH,
  WORKFLOW_SIG,
  type TeamsMock,
} from './mock';

let mock: TeamsMock;
let t: TestClient;
beforeAll(async () => {
  mock = await startTeamsMock();
});
beforeEach(() => {
  t = testClient();
  mock.calls.length = 0;
  mock.posted.length = 0;
});
afterEach(() => t.http.close());
afterAll(() => mock.close());

const run = (action: string, params: Record<string, unknown>, credential = mock.connectorUrl) =>
  t.client.execute({
    definition: microsoftTeams,
    action,
    params,
    credential,
    settings: { host: 'acme.webhook.office.com' },
    baseUrl: mock.baseUrl,
  });
/** Every text a failure could show, to look for the secret in. */
const shown = (e: Error) => `${e.message} ${JSON.stringify(e)} ${String(e.stack)}`;
const CARD = {
  type: 'AdaptiveCard',
  version: '1.4',
  body: [
    { type: 'TextBlock', text: 'Host isolated', weight: 'Bolder' },
    { type: 'FactSet', facts: [{ title: 'Host', value: 'ws-fin-0042' }] },
  ],
  actions: [{ type: 'Action.OpenUrl', title: 'Open run', url: 'https://soar.acme.example/runs/7' }],
};
const attachment = (content: unknown) => ({
  type: 'message',
  attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', contentUrl: null, content }],
});

describe('Teams webhook messages', () => {
  it('when a message is sent then Teams gets one Adaptive Card at the webhook URL and the text answer 1 is the output', async () => {
    const result = await run('send_message', {
      title: 'Ransomware on ws-fin-0042',
      text: 'Host **isolated** by run 7.',
    });

    expect(result).toEqual({ status: 200, output: '1' });
    const [call] = mock.calls;
    expect([call?.method, call?.path]).toEqual([
      'POST',
      `${CONNECTOR_PREFIX}/${CONNECTOR_SECRET}/8d7c6b5a-4f3e-2d1c-0b9a-8f7e6d5c4b3a`,
    ]);
    expect(call?.headers['content-type']).toBe('application/json');
    expect(mock.posted).toEqual([
      attachment({
        type: 'AdaptiveCard',
        $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
        version: '1.4',
        body: [
          { type: 'TextBlock', text: 'Ransomware on ws-fin-0042', weight: 'Bolder', size: 'Medium', wrap: true },
          { type: 'TextBlock', text: 'Host **isolated** by run 7.', wrap: true },
        ],
      }),
    ]);
  });

  it('when an Adaptive Card is sent then it is the attachment as designed', async () => {
    const result = await run('send_adaptive_card', { card: CARD });

    expect(result.output).toBe('1');
    expect(mock.posted).toEqual([attachment(CARD)]);
  });

  it('when a MessageCard is sent then the legacy card carries its fields and leaves out those not given', async () => {
    const result = await run('send_message_card', {
      summary: 'Ransomware on ws-fin-0042',
      text: 'Host isolated by run 7.',
      themeColor: 'D70000',
      sections: [{ facts: [{ name: 'Host', value: 'ws-fin-0042' }] }],
    });

    expect(result.output).toBe('1');
    expect(mock.posted).toEqual([
      {
        '@type': 'MessageCard',
        '@context': 'https://schema.org/extensions',
        summary: 'Ransomware on ws-fin-0042',
        text: 'Host isolated by run 7.',
        themeColor: 'D70000',
        sections: [{ facts: [{ name: 'Host', value: 'ws-fin-0042' }] }],
      },
    ]);
  });

  it('when a message goes through a Workflows webhook then the card reaches the invoke path with its signed query and the empty 202 is the output', async () => {
    const result = await run(
      'send_message',
      { title: 'Ransomware on ws-fin-0042', text: 'Host isolated.' },
      mock.workflowUrl,
    );

    expect(result).toEqual({ status: 202, output: '' });
    const [call] = mock.calls;
    expect([call?.method, call?.path]).toEqual(['POST', WORKFLOW_PATH]);
    expect(Object.fromEntries(call?.query ?? [])).toEqual({
      'api-version': '2016-06-01',
      sp: '/triggers/manual/run',
      sv: '1.0',
      sig: WORKFLOW_SIG,
    });
    expect(mock.posted).toEqual([
      expect.objectContaining({
        type: 'message',
        attachments: [expect.objectContaining({ contentType: 'application/vnd.microsoft.card.adaptive' })],
      }),
    ]);
  });

  it.each(['1', ''])(
    'when the webhook answers %j then it matches the response schema, as the example does',
    (answer) => {
      for (const action of Object.values(microsoftTeams.actions)) {
        expect(checkAnswer(action.response, answer)).toEqual({ ok: true, value: answer });
        expect(checkAnswer(action.response, action.example)).toEqual({ ok: true, value: action.example });
      }
    },
  );

  it('when Teams throttles without Retry-After then the client backs off and the message is posted once', async () => {
    mock.rateLimitNext(1);

    const result = await run('send_message', { title: 't', text: 'x' });

    expect(result.output).toBe('1');
    expect(t.waits).toEqual([500]);
    expect(mock.calls).toHaveLength(2);
    expect(mock.posted).toHaveLength(1);
  });
});

describe('Teams webhook errors', () => {
  it('when a MessageCard has neither summary nor text then it is refused before anything is sent', async () => {
    const e = await failure(run('send_message_card', { title: 'Only a title' }));

    expect(e.kind).toBe('invalid_params');
    expect(mock.calls).toHaveLength(0);
  });

  it('when Teams refuses the payload then its plain-text 400 is the error, not retried', async () => {
    // A card the params schema would not let through, sent by a definition that asks for it.
    const refused = await failure(
      t.client.execute({
        definition: {
          ...microsoftTeams,
          actions: {
            bad: {
              ...microsoftTeams.actions['send_message_card']!,
              body: { '@type': 'MessageCard', title: '{{ title }}' },
            },
          },
        },
        action: 'bad',
        params: { title: 'x', summary: 'y' },
        credential: mock.connectorUrl,
        settings: { host: 'acme.webhook.office.com' },
        baseUrl: mock.baseUrl,
      }),
    );
    expect(refused).toMatchObject({ kind: 'http', status: 400, retryable: false });
    expect(refused.message).toContain('Summary or Text is required.');
    expect(mock.calls).toHaveLength(1);
  });

  it('when the card is too large then the 200 that reports a failed delivery is bad_response, not a success', async () => {
    const big = { ...CARD, body: [{ type: 'TextBlock', text: 'x'.repeat(30_000) }] };

    const e = await failure(run('send_adaptive_card', { card: big }));

    expect(e).toMatchObject({ kind: 'bad_response', status: 200 });
    expect(mock.posted).toHaveLength(0);
  });

  it('when the secret part of the URL is wrong then the error does not show the URL', async () => {
    const wrong = `${mock.baseUrl}${CONNECTOR_PREFIX}/WrongSecretPart00000000000000000/8d7c6b5a-4f3e-2d1c-0b9a-8f7e6d5c4b3a`;

    const e = await failure(run('send_message', { title: 't', text: 'x' }, wrong));

    expect(e).toMatchObject({ kind: 'not_found', status: 404, retryable: false });
    expect(e.message).toContain('Connector configuration not found');
    expect(shown(e)).not.toContain('WrongSecretPart');
    expect(shown(e)).not.toContain(CONNECTOR_PREFIX);
  });

  it('when the credential URL is not under the host setting then nothing is sent and the URL is not shown', async () => {
    const e = await failure(
      run('send_message', { title: 't', text: 'x' }, `https://evil.example${CONNECTOR_PREFIX}/${CONNECTOR_SECRET}/o`),
    );

    expect(e.kind).toBe('invalid_params');
    expect(shown(e)).not.toContain(CONNECTOR_SECRET);
    expect(mock.calls).toHaveLength(0);
  });

  it('when the host setting is not a Teams or Workflows webhook host then nothing is sent', async () => {
    const e = await failure(
      t.client.execute({
        definition: microsoftTeams,
        action: 'send_message',
        params: { title: 't', text: 'x' },
        credential: mock.connectorUrl,
        settings: { host: 'hooks.evil.example' },
        baseUrl: mock.baseUrl,
      }),
    );

    expect(e).toMatchObject({ kind: 'invalid_params', message: expect.stringContaining('settings') });
    expect(mock.calls).toHaveLength(0);
  });

  it('when the Workflows signature is wrong then the 401 is an auth error that does not show the URL or either sig', async () => {
    const wrong = mock.workflowUrl.replace(WORKFLOW_SIG, 'WrongSignature0000000000000000000000000000');

    const e = await failure(run('send_message', { title: 't', text: 'x' }, wrong));

    expect(e).toMatchObject({ kind: 'auth', status: 401, retryable: false });
    expect(e.message).toContain('DirectApiInvalidAuthorizationSignature');
    expect(shown(e)).not.toContain('WrongSignature');
    expect(shown(e)).not.toContain(WORKFLOW_PATH);
    expect(mock.posted).toHaveLength(0);
  });
});
