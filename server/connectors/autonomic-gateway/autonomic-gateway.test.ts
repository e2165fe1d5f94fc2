/**
 * The action gateway connector against its mock over real HTTP: the legacy JSON body and
 * headers, each auth a credential can pick, the step's route, 401 and 429 + Retry-After.
 */
import { ConnectorDefinition } from '@autonomic/workflow';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { autonomicGateway } from './definition';
import { HOOK_SECRET, startGatewayMock, type GatewayMock } from './mock';
import { failure, testClient, type TestClient } from '../../test/connectors/support';

let mock: GatewayMock;
let t: TestClient;
beforeAll(async () => {
  mock = await startGatewayMock();
});
beforeEach(() => {
  t = testClient();
  mock.calls.length = 0;
  mock.auth.current = { type: 'bearer', token: 'fw-secret-token' };
});
afterEach(() => t.http.close());
afterAll(() => mock.close());

const BLOCK = { ip: '203.0.113.7', reason: 'score 97', duration: '24h', path: '/api/block?tenant=acme' };

function run(
  action: string,
  params: Record<string, unknown>,
  credential = 'fw-secret-token',
  settings: Record<string, string> = {},
) {
  return t.client.execute({
    definition: autonomicGateway,
    action,
    params,
    credential,
    settings,
    baseUrl: mock.baseUrl,
    idempotencyKey: 'run-1:block:1',
    runId: 'run-1',
  });
}

describe('autonomic-gateway definition', () => {
  it('when parsed then it is a valid definition whose containment actions are destructive with their targets', () => {
    const def = ConnectorDefinition.parse(autonomicGateway);
    expect(Object.entries(def.actions).map(([id, a]) => [id, a.effect, a.target?.kind])).toEqual([
      ['block_ip', 'destructive', 'ip'],
      ['isolate_host', 'destructive', 'host'],
      ['disable_user', 'destructive', 'user'],
      ['notify', 'write', undefined],
    ]);
  });
});

describe('autonomic-gateway containment', () => {
  it('when an IP is blocked then the gateway gets the legacy body and headers at the step path', async () => {
    const result = await run('block_ip', BLOCK);

    expect(result).toEqual({ status: 200, output: { accepted: true } });
    const [call] = mock.calls;
    expect(call?.method).toBe('POST');
    expect(`${call?.path}?${call?.query.toString()}`).toBe('/api/block?tenant=acme');
    expect(call?.body).toBe(
      JSON.stringify({
        action: 'block-ip',
        target: '203.0.113.7',
        reason: 'score 97',
        duration: '24h',
        runId: 'run-1',
        idempotencyKey: 'run-1:block:1',
      }),
    );
    expect(call?.headers).toMatchObject({
      'content-type': 'application/json',
      'idempotency-key': 'run-1:block:1',
      authorization: 'Bearer fw-secret-token',
    });
  });

  it('when the step names another method and no duration then that method is used and duration is left out', async () => {
    await run('disable_user', { user: 'alice', reason: 'phished', path: '/users', method: 'DELETE' });
    expect(mock.calls[0]?.method).toBe('DELETE');
    expect(JSON.parse(mock.calls[0]?.body ?? '')).toEqual({
      action: 'disable-user',
      target: 'alice',
      reason: 'phished',
      runId: 'run-1',
      idempotencyKey: 'run-1:block:1',
    });
  });

  it.each([
    [
      'header',
      { auth: 'header', header: 'X-Edr-Key' },
      'edr-key',
      { type: 'header', header: 'X-Edr-Key', value: 'edr-key' },
    ],
    ['basic', { auth: 'basic' }, 'soar:pa55', { type: 'basic', user: 'soar', password: 'pa55' }],
    ['none', { auth: 'none' }, 'unused', { type: 'none' }],
  ] as const)('when the credential picks %s auth then the gateway accepts it', async (_, settings, value, gate) => {
    mock.auth.current = gate;
    const result = await run('isolate_host', { host: 'web-01', reason: 'malware', path: '/isolate' }, value, settings);
    expect(result.output).toEqual({ accepted: true });
  });

  it('when the credential picks none then no Authorization header is sent', async () => {
    mock.auth.current = { type: 'none' };
    await run('isolate_host', { host: 'web-01', reason: 'malware', path: '/isolate' }, 'unused', { auth: 'none' });
    expect(mock.calls[0]?.headers['authorization']).toBeUndefined();
  });

  it('when the token is wrong then the error is auth, not retried, and the token is not shown', async () => {
    const e = await failure(run('block_ip', BLOCK, 'wrong-token-value'));
    expect(e).toMatchObject({ kind: 'auth', status: 401, retryable: false });
    expect(`${e.message} ${JSON.stringify(e)}`).not.toContain('wrong-token-value');
    expect(mock.calls).toHaveLength(1);
  });

  it('when the gateway rate limits once then the client waits Retry-After and sends the same idempotency key again', async () => {
    mock.rateLimitNext(1, 3);
    const result = await run('block_ip', BLOCK);

    expect(result.output).toEqual({ accepted: true });
    expect(t.waits).toEqual([3_000]);
    expect(mock.calls.map((c) => c.headers['idempotency-key'])).toEqual(['run-1:block:1', 'run-1:block:1']);
  });

  it.each([
    ['a full URL', 'https://elsewhere.example/api'],
    ['a template left unrendered', '{{ vars.edr }}/isolate'],
    ['a host after the base', '@elsewhere.example/api'],
  ])('when the path is %s then nothing is sent', async (_, path) => {
    const e = await failure(run('block_ip', { ...BLOCK, path }));
    expect(e.kind).toBe('invalid_params');
    expect(mock.calls).toHaveLength(0);
  });

  it('when the credential names an auth the gateway does not offer then nothing is sent', async () => {
    const e = await failure(run('block_ip', BLOCK, 'x', { auth: 'kerberos' }));
    expect(e.kind).toBe('invalid_params');
    expect(mock.calls).toHaveLength(0);
  });
});

describe('autonomic-gateway notify', () => {
  it('when a message is sent then the webhook URL (the credential) gets the legacy notify body', async () => {
    const params = { text: '*Blocked*\n203.0.113.7', to: '#soc', subject: 'Blocked', message: '203.0.113.7' };
    const result = await run('notify', params, mock.hookUrl, { auth: 'webhook_url' });

    expect(result.output).toEqual({ delivered: true });
    expect(mock.calls[0]?.path).toBe(`/hooks/${HOOK_SECRET}`);
    expect(mock.calls[0]?.headers['idempotency-key']).toBe('run-1:block:1');
    expect(mock.calls[0]?.body).toBe(JSON.stringify({ ...params, runId: 'run-1' }));
  });

  it('when the hook secret is wrong then the error is auth and the URL is not shown', async () => {
    const wrong = `${mock.baseUrl}/hooks/not-the-secret-123`;
    const e = await failure(run('notify', { text: 'x', to: '#soc', message: 'x' }, wrong, { auth: 'webhook_url' }));
    expect(e).toMatchObject({ kind: 'auth', status: 401 });
    expect(e.message).not.toContain('not-the-secret-123');
  });
});
