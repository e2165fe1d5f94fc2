/**
 * "Test connection" and rotation over real HTTP against the AbuseIPDB mock: the health
 * action runs with the credential (its base URL override points at the mock), the result
 * is recorded, and a rotation swaps the value only when the new one passes.
 */
import { randomBytes } from 'node:crypto';
import type { ConnectorDefinition } from '@autonomic/workflow';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { abuseipdb } from '../../connectors/abuseipdb/definition';
import { createCipher } from '../../src/services/secrets';
import { replaceCredentialValue } from '../../src/store/credentials';
import { ABUSEIPDB_KEY, startAbuseIpdbMock } from '../../connectors/abuseipdb/mock';
import { JIRA_EMAIL, JIRA_TOKEN, startJiraMock } from '../../connectors/jira/mock';
import type { VendorMock } from '../../connectors/vendor-mock';
import { as, credentialsHarness, type CredentialsHarness } from './harness';

const { healthAction: _none, ...rest } = abuseipdb;
/** The same vendor without a health action: nothing to test a value with. */
const untestable: ConnectorDefinition = { ...rest, id: 'untestable' };

const WRONG_KEY = 'wrong-key-7d1e9c0b3a5f';

let h: CredentialsHarness;
let mock: VendorMock;
beforeAll(async () => {
  [h, mock] = await Promise.all([credentialsHarness([untestable]), startAbuseIpdbMock()]);
});
beforeEach(() => {
  mock.calls.length = 0;
});
afterAll(async () => {
  await mock.close();
  await h.close();
});

const admin = () => as(h, 'admin');
const create = (name: string, value: string, connectorId = 'abuseipdb') =>
  admin().post('/credentials', { name, connectorId, mode: 'test', value, baseUrl: mock.baseUrl }).expect(201);
const listed = async (name: string) =>
  (await admin().get('/credentials').expect(200)).body.credentials.find((c: { name: string }) => c.name === name);
const audits = (name: string, action: string) =>
  h.db.prisma.auditEvent.findMany({ where: { targetId: name, action }, orderBy: { createdAt: 'asc' } });

describe('test connection', () => {
  it("when the key is right then the health action answers 200, the key went in the vendor's header, and the result is recorded", async () => {
    await create('abuse-good', ABUSEIPDB_KEY);

    const res = await admin().post('/credentials/abuse-good/test').expect(200);

    expect(res.body).toMatchObject({ ok: true, status: 200, message: expect.stringContaining('HTTP 200') });
    expect(res.body.ms).toBeGreaterThanOrEqual(0);
    expect(mock.calls.map((c) => [c.path, c.query.get('ipAddress'), c.headers['key']])).toEqual([
      ['/api/v2/check', '8.8.8.8', ABUSEIPDB_KEY],
    ]);
    expect((await listed('abuse-good')).lastTest).toEqual({
      at: res.body.testedAt,
      ok: true,
      message: res.body.message,
    });
    expect((await audits('abuse-good', 'credential.tested'))[0]?.details).toEqual({
      connectorId: 'abuseipdb',
      ok: true,
      status: 200,
    });
  });

  it("when the key is wrong then the answer is not ok with the vendor's auth error, recorded, and the key appears nowhere", async () => {
    await create('abuse-wrong', WRONG_KEY);

    const res = await admin().post('/credentials/abuse-wrong/test').expect(200);

    expect(res.body).toMatchObject({
      ok: false,
      status: 401,
      message: expect.stringContaining('Authentication failed'),
    });
    expect(mock.calls).toHaveLength(1);
    expect((await listed('abuse-wrong')).lastTest).toMatchObject({ ok: false, message: res.body.message });
    for (const text of [JSON.stringify(res.body), await h.dump(), h.logLines.join('\n')]) {
      expect(text).not.toContain(WRONG_KEY);
    }
  });

  it('when the connector has no health action then 409 says so and nothing is sent or recorded', async () => {
    await create('no-health', ABUSEIPDB_KEY, 'untestable');

    const res = await admin().post('/credentials/no-health/test').expect(409);

    expect(res.body.error.message).toContain('no health action');
    expect(mock.calls).toHaveLength(0);
    expect((await listed('no-health')).lastTest).toBeNull();
  });

  it('when a Jira credential (email:token, its site a required setting) is tested then the mock sees basic auth and get_myself answers', async () => {
    const jira = await startJiraMock();
    try {
      const body = { name: 'jira-soc', connectorId: 'jira', mode: 'live', value: `${JIRA_EMAIL}:${JIRA_TOKEN}` };
      const noSite = await admin()
        .post('/credentials', { ...body, baseUrl: jira.baseUrl })
        .expect(400);
      await admin()
        .post('/credentials', { ...body, settings: { site: 'acme' }, baseUrl: jira.baseUrl })
        .expect(201);

      const res = await admin().post('/credentials/jira-soc/test').expect(200);

      expect(noSite.body.error.details).toEqual([{ path: 'body.settings', message: expect.stringContaining('site') }]);
      expect(res.body).toMatchObject({ ok: true, status: 200 });
      expect(jira.calls.map((c) => [c.method, c.path])).toEqual([['GET', '/rest/api/3/myself']]);
      expect(await h.service.reveal('jira-soc')).toMatchObject({ settings: { site: 'acme' }, baseUrl: jira.baseUrl });
    } finally {
      await jira.close();
    }
  });

  it('when the credential does not exist then 404 and nothing is sent', async () => {
    await admin().post('/credentials/nope/test').expect(404);
    expect(mock.calls).toHaveLength(0);
  });

  it('when the base URL changes then the last test no longer applies and is cleared', async () => {
    await admin()
      .patch('/credentials/abuse-good', { baseUrl: `${mock.baseUrl}/elsewhere` })
      .expect(200);

    expect((await listed('abuse-good')).lastTest).toBeNull();
    await admin().patch('/credentials/abuse-good', { baseUrl: mock.baseUrl }).expect(200);
  });
});

describe('rotation', () => {
  it('when the new value fails its test then 422 says why, the old value stays and still works, and the failure is shown', async () => {
    await create('abuse-rotate', ABUSEIPDB_KEY);

    const res = await admin().post('/credentials/abuse-rotate/rotate', { value: WRONG_KEY }).expect(422);

    expect(res.body.error.code).toBe('connection_test_failed');
    expect(res.body.error.message).toContain('Authentication failed');
    expect(res.body.error.details).toEqual([{ path: 'body.value', message: expect.stringContaining('HTTP 401') }]);
    expect((await h.service.reveal('abuse-rotate'))?.value).toBe(ABUSEIPDB_KEY);
    await admin()
      .post('/credentials/abuse-rotate/test')
      .expect(200, /"ok":true/);
    expect((await listed('abuse-rotate')).rotation).toMatchObject({
      version: 1,
      rotatedAt: null,
      failedAt: expect.any(String),
      failure: expect.stringContaining('Authentication failed'),
    });
    expect(await audits('abuse-rotate', 'credential.rotated')).toEqual([]);
    for (const text of [JSON.stringify(res.body), await h.dump(), h.logLines.join('\n')]) {
      expect(text).not.toContain(WRONG_KEY);
    }
  });

  it('when the new value passes its test then it replaces the old one, the version moves on and the failure is cleared', async () => {
    await create('abuse-fix', WRONG_KEY);

    const res = await admin().post('/credentials/abuse-fix/rotate', { value: ABUSEIPDB_KEY }).expect(200);

    expect(res.body.test).toMatchObject({ ok: true, status: 200 });
    expect(res.body.credential).toMatchObject({
      name: 'abuse-fix',
      lastTest: { ok: true },
      rotation: { version: 2, rotatedAt: res.body.test.testedAt, failedAt: null, failure: null },
    });
    expect(mock.calls.map((c) => c.headers['key'])).toEqual([ABUSEIPDB_KEY]);
    expect((await h.service.reveal('abuse-fix'))?.value).toBe(ABUSEIPDB_KEY);
    const [audit] = await audits('abuse-fix', 'credential.rotated');
    expect(audit?.details).toEqual({ connectorId: 'abuseipdb', version: 2, tested: true });
    expect(JSON.stringify(res.body)).not.toContain(ABUSEIPDB_KEY);
  });

  it('when the connector has no health action then the value is swapped untested, the answer says so and the old test is cleared', async () => {
    const old = { lastTestedAt: new Date(), lastTestOk: true, lastTestMessage: 'of the old value' };
    await h.db.prisma.connectorCredential.update({ where: { name: 'no-health' }, data: old });

    const res = await admin().post('/credentials/no-health/rotate', { value: 'replacement-key' }).expect(200);

    expect(res.body.test).toBeNull();
    expect(res.body.credential.rotation.version).toBe(2);
    expect(res.body.credential.lastTest).toBeNull();
    expect((await h.service.reveal('no-health'))?.value).toBe('replacement-key');
    expect(mock.calls).toHaveLength(0);
  });

  it('when the new value is malformed then 400 names body.value before anything is sent', async () => {
    const res = await admin().post('/credentials/abuse-fix/rotate', { value: 'two\nlines' }).expect(400);

    expect(res.body.error.details[0].path).toBe('body.value');
    expect(mock.calls).toHaveLength(0);
  });

  it('when another rotation swapped the value meanwhile then a swap against the old version is refused', async () => {
    const sealed = createCipher(randomBytes(32)).seal('late', 'credential:abuse-fix');

    const late = await replaceCredentialValue(h.db.prisma, 'abuse-fix', 1, sealed, new Date(), undefined);

    expect(late).toBeUndefined();
    expect((await h.service.reveal('abuse-fix'))?.value).toBe(ABUSEIPDB_KEY);
  });
});
