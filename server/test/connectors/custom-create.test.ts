/**
 * POST /api/connectors: what an admin's definition must be (a table of bodies, each refused
 * with a 400 naming the field and nothing stored), the version rules (immutable, only
 * growing, never a built-in's id: 409), what is installed at once and what waits for review,
 * the audit line, and how the list and one definition show custom versions.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customServer, edr, intel, type CustomServer } from './custom-support';

let s: CustomServer;
beforeAll(async () => {
  s = await customServer();
}, 60_000);
afterAll(() => s.close());

const admin = () => s.as('admin');
const stored = () => s.db.prisma.customConnectorVersion.count();
const auditCount = () => s.db.prisma.auditEvent.count();

/** ACME Intel 1.0.0 with `change` applied to a copy (the test's own id, so tests do not collide). */
function intelWith(id: string, change: (d: ReturnType<typeof intel>) => unknown = (d) => d) {
  const def = structuredClone({ ...intel(), id });
  return change(def) as object;
}
const lookup = (d: ReturnType<typeof intel>) => d.actions.lookup_ip as Record<string, unknown>;

describe('POST /api/connectors: the body', () => {
  it.each([
    ['no id', 'body.id', (d: ReturnType<typeof intel>) => ({ ...d, id: undefined })],
    ['an id that is not a slug', 'body.id', (d: ReturnType<typeof intel>) => ({ ...d, id: 'ACME Intel' })],
    ['a version that is not semver', 'body.version', (d: ReturnType<typeof intel>) => ({ ...d, version: 'v1' })],
    ['a base URL that is not http(s)', 'body.baseUrl', (d: ReturnType<typeof intel>) => ({ ...d, baseUrl: 'ftp://x' })],
    [
      'a status, which is the server’s to set',
      'body',
      (d: ReturnType<typeof intel>) => ({ ...d, status: 'installed' }),
    ],
    [
      'a path template naming an undeclared param',
      'body.actions.lookup_ip.path',
      (d: ReturnType<typeof intel>) => ((lookup(d).path = '/v1/ip/{{ address }}'), d),
    ],
    [
      'a destructive action without a target',
      'body.actions.lookup_ip.target',
      (d: ReturnType<typeof intel>) => ((lookup(d).effect = 'destructive'), delete lookup(d).target, d),
    ],
    [
      'a health action that writes',
      'body.healthAction.action',
      (d: ReturnType<typeof intel>) => ((d.actions.status.effect = 'write'), d),
    ],
    [
      'an example that does not fit the response schema',
      'body.actions.lookup_ip.example',
      (d: ReturnType<typeof intel>) => ((lookup(d).example = { ip: '203.0.113.9', risk: 'high' }), d),
    ],
    [
      'a response schema that does not compile',
      'body.actions.lookup_ip.response',
      (d: ReturnType<typeof intel>) => ((lookup(d).response = { type: 'nope' }), d),
    ],
    [
      'a response schema declaring $id (shared validator)',
      'body.actions.lookup_ip.response.$id',
      (d: ReturnType<typeof intel>) => ((lookup(d).response = { $id: 'https://x/s', type: 'object' }), d),
    ],
    [
      'health params that do not fit the action',
      'body.healthAction.params',
      (d: ReturnType<typeof intel>) => ({ ...d, healthAction: { action: 'lookup_ip', params: { ip: 5 } } }),
    ],
  ] as const)(
    'when the definition has %s then the answer is 400 naming %s and nothing is stored',
    async (_what, field, change) => {
      const [rows, audits] = [await stored(), await auditCount()];

      const res = await admin().post('/connectors', intelWith('acme-bad', change)).expect(400);

      expect(res.body.error.code).toBe('validation_failed');
      expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(field);
      expect([await stored(), await auditCount()]).toEqual([rows, audits]);
    },
  );

  it('when a read-only definition is added then it is installed at once, with its defaults written out', async () => {
    const res = await admin().post('/connectors', intelWith('acme-one')).expect(201);

    expect(res.body).toMatchObject({
      connectorId: 'acme-one',
      version: '1.0.0',
      status: 'installed',
      destructiveActions: [],
      createdById: s.userId('admin'),
      reviewedById: null,
    });
    const got = await s.as('analyst').get('/connectors/acme-one').expect(200);
    expect(got.body.retryableStatuses).toEqual([429, 502, 503, 504]);
    expect(got.body.actions.lookup_ip.idempotency).toBe('none');
  });

  it('when a definition has a destructive action then it is stored awaiting review, not installed', async () => {
    const res = await admin()
      .post('/connectors', { ...edr(), id: 'acme-edr-one' })
      .expect(201);

    expect(res.body).toMatchObject({ status: 'pending_review', destructiveActions: ['isolate_host'] });
    await s.as('analyst').get('/connectors/acme-edr-one').expect(404);
    await s.as('analyst').get('/connectors/acme-edr-one?version=1.0.0').expect(404);
    // Admins and reviewers read what they review; with no version installed, that is the newest stored.
    const pending = await s.as('admin').get('/connectors/acme-edr-one?version=1.0.0').expect(200);
    const newest = await s.as('reviewer').get('/connectors/acme-edr-one').expect(200);
    expect([pending.body.actions.isolate_host.effect, newest.body.version]).toEqual(['destructive', '1.0.0']);
  });
});

describe('POST /api/connectors: ids and versions', () => {
  it('when the id is a built-in connector’s then the answer is 409 connector_builtin and nothing is stored', async () => {
    const rows = await stored();

    const res = await admin().post('/connectors', intelWith('abuseipdb')).expect(409);

    expect(res.body.error.code).toBe('connector_builtin');
    expect(await stored()).toBe(rows);
  });

  it('when the version exists, or is not newer than the latest stored one, then the answer is 409 and nothing changes', async () => {
    await admin().post('/connectors', intelWith('acme-ver')).expect(201);
    await admin()
      .post('/connectors', { ...intelWith('acme-ver'), version: '1.2.0' })
      .expect(201);
    const rows = await stored();

    const again = await admin()
      .post('/connectors', { ...intelWith('acme-ver'), version: '1.2.0', description: 'changed' })
      .expect(409);
    const older = await admin()
      .post('/connectors', { ...intelWith('acme-ver'), version: '1.1.0' })
      .expect(409);
    const prerelease = await admin()
      .post('/connectors', { ...intelWith('acme-ver'), version: '1.2.0-rc.1' })
      .expect(409);
    const sameByPrecedence = await admin()
      .post('/connectors', { ...intelWith('acme-ver'), version: '1.2.0+build.2' })
      .expect(409);

    expect(again.body.error.code).toBe('connector_version_exists');
    expect([older, prerelease, sameByPrecedence].map((r) => r.body.error.code)).toEqual([
      'connector_version_not_newer',
      'connector_version_not_newer',
      'connector_version_not_newer',
    ]);
    expect(older.body.error.message).toContain('1.2.0');
    expect(await stored()).toBe(rows);
    const stillOriginal = await s.as('analyst').get('/connectors/acme-ver?version=1.2.0').expect(200);
    expect(stillOriginal.body.description).toBe(intel().description);
  });

  it('when versions are added then each is audited with the actor, the id, the version and the definition’s hash', async () => {
    await admin().post('/connectors', intelWith('acme-aud')).expect(201);
    await s
      .as('admin2')
      .post('/connectors', { ...edr('2.0.0'), id: 'acme-aud-edr' })
      .expect(201);

    const lines = (await s.audit()).filter((a) => a.targetId.startsWith('acme-aud'));

    expect(lines.map((a) => [a.action, a.targetId, a.details])).toEqual([
      ['connector.created', 'acme-aud', { version: '1.0.0', status: 'installed', destructiveActions: [] }],
      [
        'connector.created',
        'acme-aud-edr',
        { version: '2.0.0', status: 'pending_review', destructiveActions: ['isolate_host'] },
      ],
    ]);
    expect(lines[0]?.actor).toContain(s.t.users.admin.username);
    expect(lines[1]?.actor).toContain(s.admin2.username);
    expect(lines.map((a) => a.afterHash)).toEqual([expect.stringMatching(/^[0-9a-f]{64}$/), expect.any(String)]);
  });
});

describe('GET /api/connectors with custom connectors', () => {
  it('when a custom connector has several installed versions then the list shows it as custom with every version, the newest described', async () => {
    await admin().post('/connectors', intelWith('acme-list')).expect(201);
    await admin()
      .post('/connectors', { ...intelWith('acme-list'), version: '1.1.0', name: 'ACME Intel 1.1' })
      .expect(201);

    const res = await s.as('analyst').get('/connectors').expect(200);

    const builtin = res.body.connectors.find((c: { id: string }) => c.id === 'abuseipdb');
    const custom = res.body.connectors.find((c: { id: string }) => c.id === 'acme-list');
    expect(builtin).toMatchObject({ source: 'builtin', versions: [{ version: '1.0.0', status: 'installed' }] });
    expect(custom).toMatchObject({ source: 'custom', version: '1.1.0', name: 'ACME Intel 1.1' });
    expect(custom.versions.map((v: { version: string; status: string }) => [v.version, v.status])).toEqual([
      ['1.0.0', 'installed'],
      ['1.1.0', 'installed'],
    ]);
  });

  it('when one version is asked for then that version comes back; an unknown one is 404', async () => {
    await admin().post('/connectors', intelWith('acme-get')).expect(201);
    await admin()
      .post('/connectors', { ...intelWith('acme-get'), version: '2.0.0' })
      .expect(201);

    const newest = await s.as('manager').get('/connectors/acme-get').expect(200);
    const pinned = await s.as('manager').get('/connectors/acme-get?version=1.0.0').expect(200);
    const unknown = await s.as('manager').get('/connectors/acme-get?version=3.0.0').expect(404);

    expect([newest.body.version, pinned.body.version]).toEqual(['2.0.0', '1.0.0']);
    expect(unknown.body.error.code).toBe('not_found');
  });
});
