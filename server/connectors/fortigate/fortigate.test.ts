/** The FortiGate connector against its mock over real HTTP: block and unblock (idempotent), auth, 429, vendor errors. */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fortigate } from './definition';
import { BLOCK_GROUP, FORTIGATE_TOKEN, startFortiGateMock, type FortiGateMock } from './mock';
import { failure, testClient, type TestClient } from '../../test/connectors/support';

let mock: FortiGateMock;
let t: TestClient;
beforeAll(async () => {
  mock = await startFortiGateMock();
});
beforeEach(() => {
  t = testClient();
  mock.calls.length = 0;
  mock.addresses.clear();
  mock.groups.set(BLOCK_GROUP, new Set());
});
afterEach(() => t.http.close());
afterAll(() => mock.close());

const run = (action: string, params: Record<string, unknown>, credential = FORTIGATE_TOKEN) =>
  t.client.execute({
    definition: fortigate,
    action,
    params,
    credential,
    settings: { host: 'fw.acme.example', port: '443' },
    baseUrl: mock.baseUrl,
  });
const IP = '203.0.113.66';
const requests = () => mock.calls.map((c) => `${c.method} ${c.path}?${c.query.toString()}`);

describe('FortiGate block and unblock', () => {
  it('when an address is blocked then its object exists and is a member of the block group', async () => {
    const result = await run('block_ip', { ip: IP });

    expect(result.output).toMatchObject({ status: 'success', mkey: `soar-${IP}` });
    expect(requests()).toEqual([
      'POST /api/v2/cmdb/firewall/address?vdom=root',
      `POST /api/v2/cmdb/firewall/addrgrp/${BLOCK_GROUP}/member?vdom=root`,
    ]);
    expect(JSON.parse(mock.calls[0]?.body ?? '')).toEqual({
      name: `soar-${IP}`,
      type: 'ipmask',
      subnet: `${IP}/32`,
      comment: 'Blocked by Autonomic',
    });
    expect(mock.addresses.get(`soar-${IP}`)).toBe(`${IP}/32`);
    expect([...(mock.groups.get(BLOCK_GROUP) ?? [])]).toEqual([`soar-${IP}`]);
  });

  it('when an address is blocked twice then the duplicate answers (-5) count as success', async () => {
    await run('block_ip', { ip: IP });
    const again = await run('block_ip', { ip: IP });

    expect(again).toMatchObject({ status: 500, output: { status: 'error', error: -5 } });
    expect(mock.calls).toHaveLength(4);
    expect([...(mock.groups.get(BLOCK_GROUP) ?? [])]).toEqual([`soar-${IP}`]);
  });

  it('when an address is unblocked then it leaves the group and its object is deleted, and again is a success', async () => {
    await run('block_ip', { ip: IP });
    const result = await run('unblock_ip', { ip: IP });

    expect(result.output).toMatchObject({ status: 'success', mkey: `soar-${IP}` });
    expect(requests().slice(2)).toEqual([
      `DELETE /api/v2/cmdb/firewall/addrgrp/${BLOCK_GROUP}/member/soar-${IP}?vdom=root`,
      `DELETE /api/v2/cmdb/firewall/address/soar-${IP}?vdom=root`,
    ]);
    expect(mock.addresses.size).toBe(0);
    expect(await run('unblock_ip', { ip: IP })).toMatchObject({ status: 404 });
  });

  it('when the connection is tested then the health action gives the version and serial', async () => {
    const result = await run(fortigate.healthAction?.action ?? '', fortigate.healthAction?.params ?? {});
    expect(result.output).toMatchObject({ version: 'v7.4.3', serial: 'FGT60FTK20000000' });
  });
});

describe('FortiGate errors', () => {
  it('when the API token is wrong then the error is auth without the token and nothing changed', async () => {
    const e = await failure(run('block_ip', { ip: IP }, 'wr0ng-api-token-value'));

    expect(e).toMatchObject({ kind: 'auth', status: 401 });
    expect(e.message).not.toContain('wr0ng-api-token-value');
    expect(mock.addresses.size).toBe(0);
  });

  it('when the firewall rate limits once then the client waits Retry-After and the block completes', async () => {
    mock.rateLimitNext(1, 4);

    await run('block_ip', { ip: IP });

    expect(t.waits).toEqual([4_000]);
    expect(mock.calls.map((c) => c.method)).toEqual(['POST', 'POST', 'POST']);
    expect([...(mock.groups.get(BLOCK_GROUP) ?? [])]).toEqual([`soar-${IP}`]);
  });

  it('when the group does not exist then the 404 is not taken for "already so" on a block', async () => {
    const e = await failure(run('block_ip', { ip: IP, group: 'No-Such-Group' }));
    expect(e).toMatchObject({ kind: 'not_found', status: 404 });
    expect(e.message).toContain('"error":-3');
  });

  it('when the address is not IPv4 then nothing is sent', async () => {
    const e = await failure(run('block_ip', { ip: '2001:db8::1' }));
    expect(e.kind).toBe('invalid_params');
    expect(mock.calls).toHaveLength(0);
  });
});
