/** The SMTP connector against a local SMTP server: the message arrives, 535, 451 then success, the guard, no secrets. */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { emailSmtp } from './definition';
import { SMTP_PASSWORD, SMTP_USER, startSmtpSink, type SmtpSink } from './mock';
import { failure, testClient, type TestClient } from '../../test/connectors/support';

let sink: SmtpSink;
let t: TestClient;
beforeAll(async () => {
  sink = await startSmtpSink();
});
beforeEach(() => {
  t = testClient();
  sink.received.length = 0;
  sink.deferNext(0);
});
afterEach(() => t.http.close());
afterAll(() => sink.close());

const CREDENTIAL = `${SMTP_USER}:${SMTP_PASSWORD}`;
const settings = () => ({ host: '127.0.0.1', port: String(sink.port), security: 'none', from: 'soar@acme.example' });
const MESSAGE = {
  to: ['soc@acme.example', 'oncall@acme.example'],
  cc: 'ciso@acme.example',
  subject: 'Host web-01 isolated',
  text: 'Playbook run 7 isolated web-01.',
  html: '<p>Playbook run 7 isolated <b>web-01</b>.</p>',
};
const send = (params: Record<string, unknown> = MESSAGE, credential = CREDENTIAL, client = t.client) =>
  client.execute({ definition: emailSmtp, action: 'send_email', params, credential, settings: settings() });
const shown = (e: Error) => `${e.message} ${JSON.stringify(e)}`;

describe('SMTP e-mail', () => {
  it('when an e-mail is sent then it arrives with its headers, both bodies and the envelope', async () => {
    const result = await send();

    expect(result).toMatchObject({ status: 250, output: { accepted: [...MESSAGE.to, MESSAGE.cc], rejected: [] } });
    const [got] = sink.received;
    expect(got?.from).toBe('soar@acme.example');
    expect(got?.to).toEqual([...MESSAGE.to, MESSAGE.cc]);
    expect(got?.mail.subject).toBe('Host web-01 isolated');
    expect(got?.mail.from?.text).toBe('soar@acme.example');
    expect(got?.mail.cc).toMatchObject({ text: 'ciso@acme.example' });
    expect(got?.mail.text?.trim()).toBe(MESSAGE.text);
    expect(got?.mail.html).toContain('<b>web-01</b>');
    expect(got?.mail.messageId).toBe((result.output as { messageId: string }).messageId);
  });

  it('when the server answers 451 once then the client backs off and the message arrives once', async () => {
    sink.deferNext(1);
    const result = await send();

    expect(result.status).toBe(250);
    expect(t.waits).toEqual([500]);
    expect(sink.received).toHaveLength(1);
  });

  it('when the server keeps answering 451 then the error is rate_limited and retryable after the attempts', async () => {
    sink.deferNext(5);
    const e = await failure(send());

    expect(e).toMatchObject({ kind: 'rate_limited', status: 451, retryable: true });
    expect(t.waits).toEqual([500, 1_000]);
    expect(sink.received).toHaveLength(0);
  });
});

describe('SMTP failures', () => {
  it('when the password is wrong then the error is auth (535) and holds no password', async () => {
    const e = await failure(send(MESSAGE, `${SMTP_USER}:Wr0ng-p4ssw0rd`));

    expect(e).toMatchObject({ kind: 'auth', status: 535 });
    expect(shown(e)).not.toContain('Wr0ng-p4ssw0rd');
    expect(shown(e)).not.toContain(Buffer.from('Wr0ng-p4ssw0rd').toString('base64'));
    expect(sink.received).toHaveLength(0);
  });

  it('when the outbound policy does not allow the SMTP host then nothing is sent', async () => {
    const guarded = testClient({ outboundAllow: [] });
    const e = await failure(send(MESSAGE, CREDENTIAL, guarded.client));
    await guarded.http.close();

    expect(e.kind).toBe('refused');
    expect(e.message).toContain('loopback');
    expect(sink.received).toHaveLength(0);
  });

  it('when a recipient is not an address then nothing is sent', async () => {
    const e = await failure(send({ ...MESSAGE, to: 'not an address' }));
    expect(e.kind).toBe('invalid_params');
  });

  it('when neither body is given then nothing is sent', async () => {
    const e = await failure(send({ to: 'soc@acme.example', subject: 's' }));
    expect(e.kind).toBe('invalid_params');
  });
});
