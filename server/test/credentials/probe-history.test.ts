/**
 * `GET /credentials/:name/probes`: a credential's recent health probes as the credentials
 * page lists them, on the probes' own test database and virtual clock, probed through the
 * AbuseIPDB mock over real HTTP. Newest first, scheduled and manual told apart, never the
 * value; admins and reviewers only; 404 for an unknown credential, 400 naming a bad limit.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ABUSEIPDB_KEY } from '../../connectors/abuseipdb/mock';
import { as, probeHarness, T0, type ProbeHarness } from './probe-harness';

const WRONG_KEY = 'wrong-key-7c41d09e2b6a';
const MIN = 60_000;

let h: ProbeHarness;
beforeAll(async () => {
  h = await probeHarness();
});
beforeEach(async () => {
  await h.db.prisma.connectorCredential.deleteMany();
  h.mock.calls.length = 0;
  h.clock.at = T0;
});
afterAll(() => h.close());

const create = (name: string, value: string) =>
  as(h, 'admin')
    .post('/credentials', { name, connectorId: 'abuseipdb', mode: 'live', value, baseUrl: h.mock.baseUrl })
    .expect(201);

/** A failing scheduled probe at T0, a manual test at T0+1m (still failing), a rotation at T0+2m and a scheduled pass at T0+17m. */
async function probedFourTimes(name: string) {
  await create(name, WRONG_KEY);
  expect(await h.scheduler.runDue()).toEqual([name]);
  h.clock.at = T0 + MIN;
  await as(h, 'admin').post(`/credentials/${name}/test`).expect(200);
  h.clock.at = T0 + 2 * MIN;
  await as(h, 'admin').post(`/credentials/${name}/rotate`, { value: ABUSEIPDB_KEY }).expect(200);
  h.clock.at = T0 + 17 * MIN;
  expect(await h.scheduler.runDue()).toEqual([name]);
}

describe('GET /credentials/:name/probes', () => {
  it('when a credential was probed by the scheduler and by hand then its probes are listed newest first with their source', async () => {
    await probedFourTimes('abuse-history');

    const res = await as(h, 'reviewer').get('/credentials/abuse-history/probes').expect(200);

    const probes: Array<Record<string, unknown>> = res.body.probes;
    expect(probes.map((p) => [Date.parse(String(p.at)) - T0, p.ok, p.status, p.source])).toEqual([
      [17 * MIN, true, 200, 'schedule'],
      [2 * MIN, true, 200, 'manual'],
      [MIN, false, 401, 'manual'],
      [0, false, 401, 'schedule'],
    ]);
    expect(probes[3]?.message).toContain('Authentication failed');
    for (const p of probes) expect(p.ms).toEqual(expect.any(Number));
    // Neither the old value nor the new one comes back.
    expect(res.text).not.toContain(WRONG_KEY);
    expect(res.text).not.toContain(ABUSEIPDB_KEY);
  });

  it('when a limit is given then only the newest that many are listed', async () => {
    await probedFourTimes('abuse-limit');

    const res = await as(h, 'admin').get('/credentials/abuse-limit/probes?limit=2').expect(200);

    expect(res.body.probes.map((p: { source: string; ok: boolean }) => [p.source, p.ok])).toEqual([
      ['schedule', true],
      ['manual', true],
    ]);
  });

  it('when a credential was never probed then the list is empty', async () => {
    await create('abuse-new', ABUSEIPDB_KEY);

    const res = await as(h, 'admin').get('/credentials/abuse-new/probes').expect(200);

    expect(res.body).toEqual({ probes: [] });
  });

  it('when the credential does not exist then 404 names it', async () => {
    const res = await as(h, 'admin').get('/credentials/no-such-credential/probes').expect(404);

    expect(res.body.error.message).toContain('no-such-credential');
  });

  it('when the limit is out of range then 400 names the field', async () => {
    await create('abuse-bad-limit', ABUSEIPDB_KEY);

    const res = await as(h, 'admin').get('/credentials/abuse-bad-limit/probes?limit=51').expect(400);

    expect(JSON.stringify(res.body.error)).toContain('limit');
  });

  it('when an analyst or a manager asks then it is refused, and an admin or a reviewer is answered', async () => {
    await create('abuse-authz', ABUSEIPDB_KEY);

    await as(h, 'analyst').get('/credentials/abuse-authz/probes').expect(403);
    await as(h, 'manager').get('/credentials/abuse-authz/probes').expect(403);
    await as(h, 'reviewer').get('/credentials/abuse-authz/probes').expect(200);
    await as(h, 'admin').get('/credentials/abuse-authz/probes').expect(200);
  });
});
