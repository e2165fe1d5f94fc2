/**
 * Replay and shadow runs on PostgreSQL, through the whole server (issue 15 §1, §3). A
 * published triage playbook (risk ≥ 80 isolates the host) runs live on 52 alerts against
 * the vendor mock; its events are stored, redacted. Replaying the last 50 on a version with
 * the threshold at 50 names the events whose risk lies between 50 and 80 as different —
 * the isolate added to the path and to the effects — and replaying them on the published
 * version finds every one the same: the candidate answered with what the vendor really
 * said, not the action's example. The vendor hears nothing of any replay or shadow.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REDACTED } from '../../src/services/replays/redact';
import { alert, eventually, replayServer, triageDoc, type ReplayServer } from './support';

let s: ReplayServer;
let wf: { id: string; versionId: string };
let lowered: number;
/** Alert numbers of the 52 live runs, oldest first (risk = the number). */
const ALERTS = Array.from({ length: 52 }, (_, i) => 2 * i);

const isolations = () => s.mock.calls.filter((c) => c.path.includes('/isolate')).length;
const lookups = () => s.mock.calls.filter((c) => c.path.startsWith('/v1/ip/')).length;

beforeAll(async () => {
  s = await replayServer();
  wf = await s.published(triageDoc('triage', 80));
  // One after the other: each event's time orders them.
  for (const n of ALERTS) await s.liveRun(wf.id, alert(n));
  lowered = await s.saveVersion(wf.id, triageDoc('triage', 50));
}, 120_000);
afterAll(async () => {
  await s.close();
});

describe('stored events', { timeout: 90_000 }, () => {
  it('when a live run is recorded then its event is kept for replay with every secret redacted', async () => {
    const rows = await s.db.prisma.replayEvent.findMany({ where: { workflowId: wf.id } });
    expect(rows).toHaveLength(ALERTS.length);
    const first = rows.find((r) => JSON.stringify(r.event).includes('198.51.100.0"'));
    expect(first?.event).toEqual({ ip: '198.51.100.0', host: 'ws-0', auth: { apiKey: REDACTED } });
    expect(JSON.stringify(rows)).not.toContain('key-');
  });
});

describe('replay', { timeout: 90_000 }, () => {
  it('when a version with a lower threshold is replayed on the last 50 events then those between the thresholds are different, the isolate named', async () => {
    const calls = s.mock.calls.length;

    const res = await s.api().post(`/api/workflows/${wf.id}/versions/${lowered}/replays`).set(s.as('analyst')).send({});
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({
      kind: 'replay',
      status: 'queued',
      version: lowered,
      baseVersion: 1,
      requested: 50,
    });
    const replay = await s.finished(wf.id, res.body.id);

    // The last 50 alerts are 4..102; risk 50..78 now isolates (15 alerts), the rest behave alike.
    const between = ALERTS.slice(-50).filter((n) => n >= 50 && n < 80);
    expect(replay.status).toBe('done');
    expect(replay.summary).toEqual({
      events: 50,
      same: 50 - between.length,
      different: between.length,
      pathChanged: between.length,
      statusChanged: 0,
      effectsAdded: between.length,
      effectsRemoved: 0,
      effectsChanged: 0,
      errors: 0,
    });
    expect(replay.items).toHaveLength(50);
    const eventTimes = replay.items.map((i: { eventAt: string }) => i.eventAt);
    expect(eventTimes).toEqual([...eventTimes].sort().reverse());
    const different = replay.items.filter((i: { outcome: string }) => i.outcome === 'different');
    const hosts = different.map(
      (i: { effects: { added: Array<{ target: { value: string } }> } }) => i.effects.added[0]?.target.value,
    );
    expect(hosts.sort()).toEqual(between.map((n) => `ws-${n}`).sort());
    expect(different[0]).toMatchObject({
      pathChanged: true,
      statusChanged: false,
      live: { status: 'succeeded', path: ['look', 'triage'] },
      candidate: { status: 'succeeded', path: ['look', 'triage', 'isolate'] },
      effects: {
        added: [{ stepId: 'isolate', effect: 'destructive', decision: 'would-run', target: { kind: 'host' } }],
        removed: [],
        changed: [],
      },
    });
    const isolated = replay.items.find((i: { live: { path: string[] } }) => i.live.path.includes('isolate'));
    expect(isolated).toMatchObject({ outcome: 'same', candidate: { path: ['look', 'triage', 'isolate'] } });
    // Each candidate run is a stored simulation whose trace opens like any run's.
    const sim = await s.db.prisma.run.findUniqueOrThrow({ where: { id: different[0].simulationRunId } });
    expect(sim.mode).toBe('simulation');
    // Never a live call: the vendor heard nothing.
    expect(s.mock.calls.length).toBe(calls);
  });

  it('when the published version itself is replayed then every event is the same (the live answers, not the examples)', async () => {
    const res = await s
      .api()
      .post(`/api/workflows/${wf.id}/versions/1/replays`)
      .set(s.as('reviewer'))
      .send({ count: 20 });
    expect(res.status).toBe(202);
    const replay = await s.finished(wf.id, res.body.id);
    expect(replay.summary).toMatchObject({ events: 20, same: 20, different: 0, errors: 0 });
  });

  it('when more events are asked for than are stored then the replay takes those there are', async () => {
    const res = await s
      .api()
      .post(`/api/workflows/${wf.id}/versions/${lowered}/replays`)
      .set(s.as('analyst'))
      .send({ count: 500 });
    const replay = await s.finished(wf.id, res.body.id);
    expect(replay.summary.events).toBe(ALERTS.length);
  });

  it('when the workflow has no stored event then the replay is done at once and says so', async () => {
    const other = await s.published(triageDoc('quiet', 80));
    const res = await s.api().post(`/api/workflows/${other.id}/versions/1/replays`).set(s.as('analyst')).send({});
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ status: 'done', message: expect.stringContaining('no stored events') });
    expect(res.body.summary.events).toBe(0);
  });

  it('when a replay is asked for then it is audited as replay.requested', async () => {
    const res = await s
      .api()
      .post(`/api/workflows/${wf.id}/versions/${lowered}/replays`)
      .set(s.as('analyst'))
      .send({ count: 1 });
    await s.finished(wf.id, res.body.id);
    const audit = await s.db.prisma.auditEvent.findFirst({
      where: { action: 'replay.requested' },
      orderBy: { createdAt: 'desc' },
    });
    expect(audit?.details).toMatchObject({
      workflowId: wf.id,
      number: lowered,
      replayId: res.body.id,
      requested: 1,
      events: 1,
    });
  });

  it('when the version’s replays are listed then they come newest first, without items', async () => {
    const res = await s.api().get(`/api/workflows/${wf.id}/versions/${lowered}/replays`).set(s.as('manager'));
    expect(res.status).toBe(200);
    expect(res.body.replays.length).toBeGreaterThanOrEqual(3);
    expect(res.body.replays[0].items).toBeUndefined();
    const created = res.body.replays.map((r: { createdAt: string }) => r.createdAt);
    expect(created).toEqual([...created].sort().reverse());
    // The list's counts (one aggregate query) are those of the replay read with its items.
    for (const listed of res.body.replays.filter((r: { status: string }) => r.status === 'done')) {
      const one = await s.api().get(`/api/workflows/${wf.id}/replays/${listed.id}`).set(s.as('manager'));
      expect(listed.summary).toEqual(one.body.summary);
    }
    expect(res.body.replays.some((r: { summary: { effectsAdded: number } }) => r.summary.effectsAdded > 0)).toBe(true);
  });
});

describe('validation and access', { timeout: 90_000 }, () => {
  it.each([
    [{ count: 0 }, 'body.count'],
    [{ count: 501 }, 'body.count'],
    [{ count: 'ten' }, 'body.count'],
    [{ count: 5, extra: true }, 'body'],
  ])('when a replay is asked with %j then the answer is 400 naming %s', async (body, path) => {
    const res = await s.api().post(`/api/workflows/${wf.id}/versions/1/replays`).set(s.as('analyst')).send(body);
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
  });

  it.each([[{ hours: 0 }], [{ hours: 721 }], [{}], [{ hours: 1.5 }]])(
    'when a shadow is asked with %j then the answer is 400 naming body.hours',
    async (body) => {
      const res = await s.api().put(`/api/workflows/${wf.id}/versions/1/shadow`).set(s.as('analyst')).send(body);
      expect(res.status).toBe(400);
      expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain('body.hours');
    },
  );

  it('when a replay is read under another workflow then the answer is 404', async () => {
    const res = await s
      .api()
      .post(`/api/workflows/${wf.id}/versions/1/replays`)
      .set(s.as('analyst'))
      .send({ count: 1 });
    const other = await s.published(triageDoc('elsewhere', 80));
    const read = await s.api().get(`/api/workflows/${other.id}/replays/${res.body.id}`).set(s.as('analyst'));
    expect(read.status).toBe(404);
    await s.finished(wf.id, res.body.id);
  });

  it('when a manager asks for a replay or a shadow then the answer is 403 and nothing is queued', async () => {
    const before = await s.db.prisma.replay.count();
    const replay = await s.api().post(`/api/workflows/${wf.id}/versions/1/replays`).set(s.as('manager')).send({});
    const shadow = await s
      .api()
      .put(`/api/workflows/${wf.id}/versions/1/shadow`)
      .set(s.as('manager'))
      .send({ hours: 1 });
    expect([replay.status, shadow.status]).toEqual([403, 403]);
    expect(await s.db.prisma.replay.count()).toBe(before);
  });

  it('when nobody is signed in then the replays are not readable', async () => {
    const res = await s.api().get(`/api/workflows/${wf.id}/versions/1/replays`);
    expect(res.status).toBe(401);
  });
});

describe('shadow', { timeout: 90_000 }, () => {
  it('when two first PUTs of a shadow arrive at once then one shadow is active and both answer it', async () => {
    const other = await s.published(triageDoc('twice', 80));
    const put = () =>
      s.api().put(`/api/workflows/${other.id}/versions/1/shadow`).set(s.as('analyst')).send({ hours: 1 });
    const [a, b] = await Promise.all([put(), put()]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(a.body.id).toBe(b.body.id);
    expect(await s.db.prisma.replay.count({ where: { workflowId: other.id, kind: 'shadow', status: 'active' } })).toBe(
      1,
    );
  });

  it('when live events arrive while a version is in shadow then its diff grows with them, never sending, and stops with DELETE', async () => {
    const started = await s
      .api()
      .put(`/api/workflows/${wf.id}/versions/${lowered}/shadow`)
      .set(s.as('analyst'))
      .send({ hours: 2 });
    expect(started.status).toBe(200);
    expect(started.body).toMatchObject({ kind: 'shadow', status: 'active', version: lowered, baseVersion: 1 });
    const shadowId = started.body.id as string;
    const items = async (n: number) =>
      eventually(async () => {
        const res = await s.api().get(`/api/workflows/${wf.id}/replays/${shadowId}`).set(s.as('reviewer'));
        return res.body.items.length === n ? res.body : undefined;
      }, 20_000);
    const [lookupsBefore, isolationsBefore] = [lookups(), isolations()];

    await s.liveRun(wf.id, alert(60)); // between the thresholds: the shadow would isolate
    let shadow = await items(1);
    await s.liveRun(wf.id, alert(90)); // above both: the same
    shadow = await items(2);

    expect(shadow.summary).toMatchObject({ events: 2, same: 1, different: 1, effectsAdded: 1 });
    expect(shadow.items[0]).toMatchObject({ outcome: 'same', live: { path: ['look', 'triage', 'isolate'] } });
    expect(shadow.items[1]).toMatchObject({
      outcome: 'different',
      effects: { added: [{ stepId: 'isolate', target: { kind: 'host', value: 'ws-60' } }] },
    });
    // What the vendor heard is the live runs' own calls: two lookups and one isolation (alert 90).
    expect([lookups() - lookupsBefore, isolations() - isolationsBefore]).toEqual([2, 1]);

    // A second PUT extends the same shadow.
    const extended = await s
      .api()
      .put(`/api/workflows/${wf.id}/versions/${lowered}/shadow`)
      .set(s.as('analyst'))
      .send({ hours: 5 });
    expect(extended.body.id).toBe(shadowId);
    expect(new Date(extended.body.until).getTime()).toBeGreaterThan(new Date(started.body.until).getTime());

    const stopped = await s.api().delete(`/api/workflows/${wf.id}/versions/${lowered}/shadow`).set(s.as('analyst'));
    expect(stopped.status).toBe(200);
    expect(stopped.body).toMatchObject({ id: shadowId, status: 'ended' });
    // A shadow of the published version still listens: one statement queues an item for every
    // active shadow of the run, so once it has its item the stopped one had its chance.
    const witness = await s
      .api()
      .put(`/api/workflows/${wf.id}/versions/1/shadow`)
      .set(s.as('analyst'))
      .send({ hours: 1 });
    await s.liveRun(wf.id, alert(70));
    await eventually(async () => {
      const res = await s.api().get(`/api/workflows/${wf.id}/replays/${witness.body.id}`).set(s.as('reviewer'));
      return res.body.items.length === 1 ? true : undefined;
    }, 20_000);
    const after = await s.api().get(`/api/workflows/${wf.id}/replays/${shadowId}`).set(s.as('reviewer'));
    expect(after.body.items).toHaveLength(2);
    expect(await s.db.prisma.replayItem.count({ where: { replayId: shadowId } })).toBe(2);

    const again = await s.api().delete(`/api/workflows/${wf.id}/versions/${lowered}/shadow`).set(s.as('analyst'));
    expect(again.status).toBe(404);
  });
});
