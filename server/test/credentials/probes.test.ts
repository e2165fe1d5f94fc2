/**
 * Scheduled credential probes on a virtual clock, against the AbuseIPDB mock over real
 * HTTP: each live credential is probed at its connector's interval (a wrong key fails with
 * the vendor's auth error), results are kept (bounded), two schedulers never probe the
 * same turn twice, test credentials are never sent, and a manual test is recorded too.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ABUSEIPDB_KEY } from '../../connectors/abuseipdb/mock';
import { PROBE_HISTORY } from '../../src/store/credential-probes';
import { abuseFast, as, probeHarness, T0, type ProbeHarness } from './probe-harness';

const WRONG_KEY = 'wrong-key-0b3a5f7d1e9c';
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

const create = (name: string, value: string, opts: { connectorId?: string; mode?: 'live' | 'test' } = {}) =>
  as(h, 'admin')
    .post('/credentials', {
      name,
      connectorId: opts.connectorId ?? 'abuseipdb',
      mode: opts.mode ?? 'live',
      value,
      baseUrl: h.mock.baseUrl,
    })
    .expect(201);
/** The keys the mock was called with, in order. */
const keysSent = () => h.mock.calls.map((c) => c.headers['key']);
const probesOf = async (name: string) =>
  h.db.prisma.credentialProbe.findMany({
    where: { credential: { name } },
    orderBy: { at: 'asc' },
    select: { at: true, ok: true, status: true, source: true, message: true },
  });
/** The credential as the connector health view shows it (read by a manager). */
const stateOf = async (name: string) => {
  const res = await as(h, 'manager').get('/connectors/health').expect(200);
  const connectors: Array<{ credentials: Array<{ name: string }> }> = res.body.connectors;
  return connectors.flatMap((c) => c.credentials).find((c) => c.name === name);
};

describe('scheduled probes', () => {
  it("when the virtual clock passes each connector's interval then each live credential is probed at its own interval", async () => {
    await create('abuse-good', ABUSEIPDB_KEY);
    await create('abuse-wrong', WRONG_KEY);
    await create('abuse-fast', ABUSEIPDB_KEY, { connectorId: abuseFast.id });

    // t=0: never probed, so all due at once.
    expect(await h.scheduler.runDue()).toEqual(['abuse-fast', 'abuse-good', 'abuse-wrong']);
    const probedAt: Record<string, number[]> = {};
    const pass = async (minutes: number) => {
      h.clock.at = T0 + minutes * MIN;
      for (const name of await h.scheduler.runDue()) (probedAt[name] ??= []).push(minutes);
    };
    for (const minutes of [4, 5, 9, 10, 14, 15, 20, 25, 29, 30]) await pass(minutes);

    // abuseipdb: the default 15m; abuseipdb-fast: its health action's 5m.
    expect(probedAt).toEqual({
      'abuse-fast': [5, 10, 15, 20, 25, 30],
      'abuse-good': [15, 30],
      'abuse-wrong': [15, 30],
    });
    expect((await probesOf('abuse-good')).map((p) => [p.at.getTime() - T0, p.ok, p.status, p.source])).toEqual([
      [0, true, 200, 'schedule'],
      [15 * MIN, true, 200, 'schedule'],
      [30 * MIN, true, 200, 'schedule'],
    ]);
    const wrong = await probesOf('abuse-wrong');
    expect(wrong.map((p) => [p.ok, p.status])).toEqual([
      [false, 401],
      [false, 401],
      [false, 401],
    ]);
    expect(wrong[0]?.message).toContain('Authentication failed');
    expect(wrong[0]?.message.length).toBeLessThanOrEqual(200);
    expect(await stateOf('abuse-wrong')).toMatchObject({ state: 'failing', lastProbe: { ok: false, status: 401 } });
    expect(await stateOf('abuse-good')).toMatchObject({
      state: 'ok',
      nextProbeAt: new Date(T0 + 45 * MIN).toISOString(),
    });
    // The key went out in the vendor's header, and no probe stored it.
    expect(keysSent().filter((k) => k === WRONG_KEY)).toHaveLength(3);
    const stored = JSON.stringify(await h.db.prisma.credentialProbe.findMany());
    expect(stored).not.toContain(WRONG_KEY);
    expect(stored).not.toContain(ABUSEIPDB_KEY);
  });

  it('when two schedulers share the database then each due credential is probed once per turn', async () => {
    for (const n of [1, 2, 3, 4, 5, 6]) await create(`abuse-${n}`, ABUSEIPDB_KEY);

    for (const minutes of [0, 15, 30]) {
      h.clock.at = T0 + minutes * MIN;
      const [a, b] = await Promise.all([h.scheduler.runDue(), h.other.runDue()]);
      expect([...a, ...b].sort()).toEqual(['abuse-1', 'abuse-2', 'abuse-3', 'abuse-4', 'abuse-5', 'abuse-6']);
    }

    expect(h.mock.calls).toHaveLength(18);
    expect(await h.db.prisma.credentialProbe.count()).toBe(18);
  });

  it('when a credential is in test mode then it is never probed and its state says it is a test credential', async () => {
    await create('abuse-demo', 'demo-abuseipdb-key-not-a-secret', { mode: 'test' });

    for (const minutes of [0, 15, 30]) {
      h.clock.at = T0 + minutes * MIN;
      expect(await h.scheduler.runDue()).toEqual([]);
    }

    expect(h.mock.calls).toEqual([]);
    expect(await stateOf('abuse-demo')).toMatchObject({ mode: 'test', state: 'test', lastProbe: null });
  });

  it('when a live credential turns test then its schedule stops', async () => {
    await create('abuse-switch', ABUSEIPDB_KEY);
    expect(await h.scheduler.runDue()).toEqual(['abuse-switch']);

    await as(h, 'admin').patch('/credentials/abuse-switch', { mode: 'test' }).expect(200);
    h.clock.at = T0 + 15 * MIN;

    expect(await h.scheduler.runDue()).toEqual([]);
    expect(h.mock.calls).toHaveLength(1);
    expect(await stateOf('abuse-switch')).toMatchObject({ state: 'test', nextProbeAt: null });
  });

  it('when an admin points a failing credential elsewhere then its failure is forgotten and the next pass probes it again', async () => {
    await create('abuse-moved', WRONG_KEY);
    expect(await h.scheduler.runDue()).toEqual(['abuse-moved']);
    expect(await stateOf('abuse-moved')).toMatchObject({ state: 'failing' });
    h.clock.at = T0 + 2 * MIN;

    await as(h, 'admin')
      .patch('/credentials/abuse-moved', { baseUrl: `${h.mock.baseUrl}/` })
      .expect(200);

    expect(await stateOf('abuse-moved')).toMatchObject({ state: 'never_probed', lastProbe: null });
    expect(await h.scheduler.runDue()).toEqual(['abuse-moved']);
    expect((await probesOf('abuse-moved')).map((p) => p.at.getTime() - T0)).toEqual([0, 2 * MIN]);
  });

  it(`when a credential was probed more than ${PROBE_HISTORY} times then only the latest ${PROBE_HISTORY} are kept`, async () => {
    await create('abuse-often', ABUSEIPDB_KEY, { connectorId: abuseFast.id });

    for (let turn = 0; turn < PROBE_HISTORY + 3; turn++) {
      h.clock.at = T0 + turn * 5 * MIN;
      expect(await h.scheduler.runDue()).toEqual(['abuse-often']);
    }

    const kept = await probesOf('abuse-often');
    expect(kept).toHaveLength(PROBE_HISTORY);
    expect(kept[0]?.at.getTime()).toBe(T0 + 3 * 5 * MIN);
    expect(kept.at(-1)?.at.getTime()).toBe(T0 + (PROBE_HISTORY + 2) * 5 * MIN);
  });

  it('when the scheduler is started on real timers then it probes what is due and stops cleanly', async () => {
    await create('abuse-started', ABUSEIPDB_KEY);
    h.scheduler.start();
    const deadline = Date.now() + 5_000;
    while ((await probesOf('abuse-started')).length === 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
    }
    await h.scheduler.stop();

    expect(await probesOf('abuse-started')).toHaveLength(1);
  });
});

describe('probe now', () => {
  it('when an admin tests a credential then the result is its latest probe, and a rotation that passes clears it', async () => {
    await create('abuse-manual', WRONG_KEY);

    const res = await as(h, 'admin').post('/credentials/abuse-manual/test').expect(200);

    expect(res.body).toMatchObject({ ok: false, status: 401 });
    expect((await probesOf('abuse-manual')).map((p) => [p.ok, p.source])).toEqual([[false, 'manual']]);
    expect(await stateOf('abuse-manual')).toMatchObject({ state: 'failing', lastProbe: { at: res.body.testedAt } });

    h.clock.advance(MIN);
    await as(h, 'admin').post('/credentials/abuse-manual/rotate', { value: ABUSEIPDB_KEY }).expect(200);

    expect((await probesOf('abuse-manual')).map((p) => [p.ok, p.source])).toEqual([
      [false, 'manual'],
      [true, 'manual'],
    ]);
    expect(await stateOf('abuse-manual')).toMatchObject({ state: 'ok' });
  });

  it('when an analyst asks to test a credential then it is refused and nothing is probed', async () => {
    await create('abuse-analyst', ABUSEIPDB_KEY);

    await as(h, 'analyst').post('/credentials/abuse-analyst/test').expect(403);

    expect(h.mock.calls).toEqual([]);
    expect(await probesOf('abuse-analyst')).toEqual([]);
  });
});
