/**
 * Several versions of a custom connector installed at once: a workflow pinned to the older
 * one keeps validating against it after a newer one is installed; a version pinned by any
 * stored workflow version cannot be deleted (409 naming them); an unpinned one can, audited;
 * credentials are created for an installed custom connector and refused for others.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customServer, edr, intel, INTEL_KEY, pinning, type CustomServer } from './custom-support';

let s: CustomServer;
beforeAll(async () => {
  s = await customServer();
  // One credential for every ACME Intel document below (the checks also look credentials up).
  await s.as('admin').post('/connectors', intel('1.0.0')).expect(201);
  await s
    .as('admin')
    .post('/credentials', { name: 'intel-live', connectorId: 'acme-intel', mode: 'live', value: INTEL_KEY })
    .expect(201);
}, 60_000);
afterAll(() => s.close());

const LOOKUP = { effect: 'read', target: { param: 'ip', kind: 'ip' } };
const intelDoc = (version: string, name?: string) => {
  const doc = pinning(
    { connector: 'acme-intel', version, action: 'lookup_ip' },
    'intel-live',
    { ip: '{{ event.ip }}' },
    LOOKUP,
  );
  return name ? { ...doc, metadata: { name } } : doc;
};
const save = async (document: object) => (await s.as('analyst').post('/workflows', { document }).expect(201)).body;

describe('several installed versions', () => {
  it('when 1.1.0 is installed after 1.0.0 then a workflow pinned to 1.0.0 still has no problem, nor one pinned to 1.1.0', async () => {
    const before = await save(intelDoc('1.0.0', 'Pinned before'));
    await s.as('admin').post('/connectors', intel('1.1.0', '/v2/ip/{{ ip }}')).expect(201);

    const old = await s.as('analyst').post(`/workflows/${before.workflow.id}/versions/1/review`, {
      reviewerIds: [s.userId('reviewer')],
    });
    const newer = await save(intelDoc('1.1.0', 'Pinned after'));
    const list = await s.as('analyst').get('/connectors').expect(200);

    expect(before.problems).toEqual([]);
    expect(old.status).toBe(201);
    expect(newer.problems).toEqual([]);
    const entry = list.body.connectors.find((c: { id: string }) => c.id === 'acme-intel');
    expect(entry.versions.map((v: { version: string }) => v.version)).toEqual(['1.0.0', '1.1.0']);
    const pinnedDef = await s.as('analyst').get('/connectors/acme-intel?version=1.0.0').expect(200);
    expect(pinnedDef.body.actions.lookup_ip.path).toBe('/v1/ip/{{ ip }}');
  });
});

describe('DELETE /api/connectors/:id/versions/:version', () => {
  it('when a stored workflow version pins it then the answer is 409 naming the workflow and version, and nothing is removed', async () => {
    await s
      .as('admin')
      .post('/connectors', { ...intel('1.0.0'), id: 'acme-keep' })
      .expect(201);
    await s
      .as('admin')
      .post('/credentials', { name: 'keep-cred', connectorId: 'acme-keep', mode: 'test', value: INTEL_KEY })
      .expect(201);
    const doc = pinning(
      { connector: 'acme-keep', version: '1.0.0', action: 'lookup_ip' },
      'keep-cred',
      { ip: '1.2.3.4' },
      LOOKUP,
    );
    const saved = await save({ ...doc, metadata: { name: 'Keeps it' } });
    const audits = await s.db.prisma.auditEvent.count();

    const res = await s.as('admin').delete('/connectors/acme-keep/versions/1.0.0').expect(409);

    expect(res.body.error.code).toBe('connector_version_pinned');
    expect(res.body.error.message).toContain(`${saved.workflow.slug} v1`);
    await s.as('analyst').get('/connectors/acme-keep?version=1.0.0').expect(200);
    expect(await s.db.prisma.auditEvent.count()).toBe(audits);
  });

  it('when no workflow version pins it then it is removed, audited, gone from the catalog, and the version may be added again', async () => {
    await s
      .as('admin')
      .post('/connectors', { ...intel('1.0.0'), id: 'acme-drop' })
      .expect(201);
    await s
      .as('admin')
      .post('/connectors', { ...intel('1.1.0'), id: 'acme-drop' })
      .expect(201);

    await s.as('admin').delete('/connectors/acme-drop/versions/1.1.0').expect(204);

    await s.as('analyst').get('/connectors/acme-drop?version=1.1.0').expect(404);
    expect((await s.as('analyst').get('/connectors/acme-drop').expect(200)).body.version).toBe('1.0.0');
    const line = (await s.audit()).filter((a) => a.targetId === 'acme-drop').at(-1);
    expect(line).toMatchObject({ action: 'connector.deleted', details: { version: '1.1.0', status: 'installed' } });
    expect(line?.actor).toContain(s.t.users.admin.username);
    // A document pinning the removed version is told it is not installed.
    const doc = pinning(
      { connector: 'acme-drop', version: '1.1.0', action: 'lookup_ip' },
      'intel-live',
      { ip: '1.2.3.4' },
      LOOKUP,
    );
    const saved = await save({ ...doc, metadata: { name: 'Pins a gone version' } });
    expect(saved.problems.map((p: { path: string; message: string }) => [p.path, p.message])).toContainEqual([
      'params.version',
      'version 1.1.0 of acme-drop is not installed (installed: 1.0.0)',
    ]);
    await s
      .as('admin')
      .post('/connectors', { ...intel('1.1.0'), id: 'acme-drop' })
      .expect(201);
  });

  it('when a pending or rejected version is deleted then it goes too; an unknown one is 404', async () => {
    await s
      .as('admin')
      .post('/connectors', { ...edr(), id: 'acme-drop-edr' })
      .expect(201);

    await s.as('admin').delete('/connectors/acme-drop-edr/versions/1.0.0').expect(204);
    const unknown = await s.as('admin').delete('/connectors/acme-drop-edr/versions/1.0.0').expect(404);

    expect(unknown.body.error.code).toBe('not_found');
    expect(await s.db.prisma.customConnectorVersion.count({ where: { connectorId: 'acme-drop-edr' } })).toBe(0);
  });
});

describe('credentials of custom connectors', () => {
  it('when a credential is created for an installed custom connector then it is accepted; for a pending or unknown one it is a 400 naming connectorId', async () => {
    await s
      .as('admin')
      .post('/connectors', { ...edr(), id: 'acme-cred-edr' })
      .expect(201);
    const body = (connectorId: string, name: string) => ({ name, connectorId, mode: 'test', value: 'k-0123456789' });

    const installed = await s.as('admin').post('/credentials', body('acme-intel', 'intel-second'));
    const pending = await s.as('admin').post('/credentials', body('acme-cred-edr', 'edr-cred'));
    const unknown = await s.as('admin').post('/credentials', body('acme-nothing', 'nothing-cred'));

    expect(installed.status).toBe(201);
    expect(installed.body.connectorId).toBe('acme-intel');
    for (const res of [pending, unknown]) {
      expect(res.status).toBe(400);
      expect(res.body.error.details[0].path).toBe('body.connectorId');
    }
  });
});
