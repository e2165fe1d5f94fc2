/**
 * What a failing probe does beyond the credential: every workflow using the credential is
 * marked on the list, publishing a version that uses it is refused (409) unless overridden
 * with a reason (audited), and the connector health view shows the credential, the
 * affected workflows and the connector's drift counts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ABUSEIPDB_KEY } from '../../connectors/abuseipdb/mock';
import { connectorStatus } from '../../src/services/credentials/probes';
import { recordDrift } from '../../src/store/connector-drift';
import { approvedWorkflow, as, probeHarness, T0, type ProbeHarness } from './probe-harness';

const WRONG_KEY = 'wrong-key-9c0b3a5f7d1e';

let h: ProbeHarness;
let usesFailing: string;
let usesGood: string;
beforeAll(async () => {
  h = await probeHarness();
  const admin = as(h, 'admin');
  const credential = (name: string, value: string, mode = 'live') =>
    admin.post('/credentials', { name, connectorId: 'abuseipdb', mode, value, baseUrl: h.mock.baseUrl }).expect(201);
  await credential('abuse-broken', WRONG_KEY);
  await credential('abuse-fine', ABUSEIPDB_KEY);
  await credential('abuse-demo', WRONG_KEY, 'test');
  usesFailing = await approvedWorkflow(h, 'Check with the broken key', 'abuse-broken');
  usesGood = await approvedWorkflow(h, 'Check with the good key', 'abuse-fine');
  // The demo credential's value is not real, but it is a test credential: never probed, never blocking.
  await approvedWorkflow(h, 'Check with the demo key', 'abuse-demo');
  h.clock.at = T0;
  expect(await h.scheduler.runDue()).toEqual(['abuse-broken', 'abuse-fine']);
});
afterAll(() => h.close());

const publish = (id: string, body: object = {}) => as(h, 'analyst').post(`/workflows/${id}/versions/1/publish`, body);
const audits = (action: string) =>
  h.db.prisma.auditEvent.findMany({ where: { action }, orderBy: { createdAt: 'asc' } });

describe('a failing credential marks the workflows that use it', () => {
  it('when the latest probe of a credential failed then the workflows list marks each workflow using it, and only those', async () => {
    const res = await as(h, 'manager').get('/workflows').expect(200);
    const byName = new Map<string, { connectorHealth: unknown[] }>(
      res.body.workflows.map((w: { name: string; connectorHealth: unknown[] }) => [w.name, w]),
    );

    expect(byName.get('Check with the broken key')?.connectorHealth).toEqual([
      {
        credential: 'abuse-broken',
        message: expect.stringContaining('Authentication failed'),
        at: new Date(T0).toISOString(),
      },
    ]);
    expect(byName.get('Check with the good key')?.connectorHealth).toEqual([]);
    expect(byName.get('Check with the demo key')?.connectorHealth).toEqual([]);
  });
});

describe('the publish gate', () => {
  it('when a version uses a failing credential then publish is refused with a 409 naming the credential and its failure', async () => {
    const res = await publish(usesFailing).expect(409);

    expect(res.body.error.code).toBe('credential_failing');
    expect(res.body.error.message).toContain('abuse-broken');
    expect(res.body.error.details).toEqual([
      { path: 'credentials.abuse-broken', message: expect.stringContaining('Authentication failed') },
    ]);
    const wf = await h.db.prisma.workflow.findUniqueOrThrow({ where: { id: usesFailing } });
    expect(wf.publishedVersionId).toBeNull();
    expect(await audits('version.published')).toEqual([]);
  });

  it('when the override reason is shorter than 10 characters then the request is refused naming the field', async () => {
    const res = await publish(usesFailing, { override: { reason: 'hurry' } }).expect(400);

    expect(res.body.error.details).toEqual([
      { path: 'body.override.reason', code: 'too_small', message: 'at least 10 characters' },
    ]);
  });

  it('when the publish carries an override with a reason then it is published and the override is audited with the failing credentials', async () => {
    const reason = 'Vendor outage acknowledged; the playbook must run in the meantime';

    const res = await publish(usesFailing, { override: { reason } }).expect(200);

    expect(res.body.published).toMatchObject({ number: 1, status: 'published' });
    const [override] = await audits('version.published_with_failing_credentials');
    expect(override).toMatchObject({
      actor: expect.stringMatching(/^token:test:analyst-/),
      targetId: res.body.published.id,
    });
    expect(override?.details).toMatchObject({
      workflowId: usesFailing,
      number: 1,
      reason,
      credentials: [
        {
          name: 'abuse-broken',
          connectorId: 'abuseipdb',
          status: 401,
          message: expect.stringContaining('Authentication failed'),
        },
      ],
    });
  });

  it('when the credentials a version uses pass (or are test credentials) then publish needs no override and audits none', async () => {
    const before = (await audits('version.published_with_failing_credentials')).length;

    await publish(usesGood).expect(200);

    expect(await audits('version.published_with_failing_credentials')).toHaveLength(before);
  });
});

describe('connector health', () => {
  it('when a credential fails then the health view shows it, the affected workflow and the drift counts, with no secret', async () => {
    await recordDrift(
      h.db.prisma,
      { connectorId: 'abuseipdb', version: '1.0.0', action: 'check_ip', failed: false, at: new Date(T0) },
      [{ path: '/data/newField', kind: 'new', expected: 'absent', actual: 'string', sample: null }],
    );

    const res = await as(h, 'analyst').get('/connectors/health').expect(200);

    const abuse = res.body.connectors.find((c: { connectorId: string }) => c.connectorId === 'abuseipdb');
    expect(abuse).toMatchObject({
      name: 'AbuseIPDB',
      status: 'degraded',
      // A new field is recorded, but breaks nothing a playbook reads.
      drift: { events: 1, open: 1, breaking: 0, lastSeenAt: new Date(T0).toISOString() },
      affectedWorkflows: [{ id: usesFailing, name: 'Check with the broken key', credentials: ['abuse-broken'] }],
    });
    expect(abuse.credentials).toEqual([
      expect.objectContaining({
        name: 'abuse-broken',
        state: 'failing',
        lastProbe: expect.objectContaining({ ok: false, status: 401 }),
      }),
      expect.objectContaining({ name: 'abuse-demo', mode: 'test', state: 'test', lastProbe: null }),
      expect.objectContaining({
        name: 'abuse-fine',
        state: 'ok',
        lastProbe: expect.objectContaining({ ok: true, status: 200 }),
      }),
    ]);
    const text = JSON.stringify(res.body);
    expect(text).not.toContain(WRONG_KEY);
    expect(text).not.toContain(ABUSEIPDB_KEY);
  });

  it('when a drift changes a type or loses a required field then it counts as breaking', async () => {
    await recordDrift(
      h.db.prisma,
      { connectorId: 'abuseipdb', version: '1.0.0', action: 'check_ip', failed: true, at: new Date(T0) },
      [
        { path: '/data/abuseConfidenceScore', kind: 'type', expected: 'integer', actual: 'string', sample: null },
        {
          path: '/data/totalReports',
          kind: 'missing',
          expected: 'integer',
          actual: 'absent',
          required: true,
          sample: null,
        },
        {
          path: '/data/isp',
          kind: 'missing',
          expected: 'string|null',
          actual: 'absent',
          required: false,
          sample: null,
        },
      ],
    );

    const res = await as(h, 'analyst').get('/connectors/health').expect(200);

    const abuse = res.body.connectors.find((c: { connectorId: string }) => c.connectorId === 'abuseipdb');
    expect(abuse.drift).toMatchObject({ open: 4, breaking: 2 });
  });

  it.each([
    [['ok', 'ok'], 0, 'ok'],
    [['ok', 'ok'], 1, 'degraded'],
    [['ok', 'failing'], 0, 'degraded'],
    [['failing', 'failing', 'test'], 0, 'failing'],
    [['test', 'never_probed', 'not_probeable'], 3, 'unknown'],
  ] as const)(
    'when credentials are %j and %i drifts break reads then the connector is %s',
    (states, breaking, status) => {
      expect(connectorStatus(states, breaking)).toBe(status);
    },
  );

  it('when nobody is signed in then the health view is refused', async () => {
    const { default: request } = await import('supertest');
    await request(h.app).get('/api/connectors/health').expect(401);
  });
});
