/**
 * Reviewing custom connector versions with a destructive action: the two-person rule (the
 * admin who added a version never approves or rejects it), what approving and rejecting
 * do, who sees a version awaiting review, and that a workflow pinning such a version is told
 * so when it is saved and cannot go to review until the version is installed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customServer, edr, pinning, type Caller, type CustomServer } from './custom-support';

let s: CustomServer;
beforeAll(async () => {
  s = await customServer();
}, 60_000);
afterAll(() => s.close());

/** acme-edr under the test's own id, 1.0.0, added by the first admin: awaiting review. */
async function pendingEdr(id: string, version = '1.0.0') {
  await s
    .as('admin')
    .post('/connectors', { ...edr(version), id })
    .expect(201);
  return `/connectors/${id}/versions/${version}`;
}

const statusOf = async (id: string, version = '1.0.0') =>
  (
    await s.db.prisma.customConnectorVersion.findUnique({
      where: { connectorId_version: { connectorId: id, version } },
    })
  )?.status;

describe('the two-person rule', () => {
  it.each(['approve', 'reject'] as const)(
    'when the admin who added a version tries to %s it then the answer is 403 self_approval and it stays pending',
    async (decision) => {
      const path = await pendingEdr(`acme-self-${decision}`);
      const audits = await s.db.prisma.auditEvent.count();

      const res = await s.as('admin').post(`${path}/${decision}`).expect(403);

      expect(res.body.error.code).toBe('self_approval');
      expect(res.body.error.message).toContain('another person must review it');
      expect(await statusOf(`acme-self-${decision}`)).toBe('pending_review');
      expect(await s.db.prisma.auditEvent.count()).toBe(audits);
    },
  );

  it.each([
    ['reviewer', 'approve', 'installed'],
    ['admin2', 'approve', 'installed'],
    ['reviewer', 'reject', 'rejected'],
    ['admin2', 'reject', 'rejected'],
  ] as const)(
    'when the %s (not the one who added it) decides %s then the version is %s, with the reviewer recorded and audited',
    async (caller, decision, status) => {
      const id = `acme-${caller}-${decision}`;
      const path = await pendingEdr(id);

      const res = await s.as(caller).post(`${path}/${decision}`).expect(200);

      expect(res.body).toMatchObject({ connectorId: id, version: '1.0.0', status, reviewedById: s.userId(caller) });
      expect(res.body.reviewedAt).toEqual(expect.any(String));
      const line = (await s.audit()).filter((a) => a.targetId === id).at(-1);
      expect(line).toMatchObject({
        action: decision === 'approve' ? 'connector.approved' : 'connector.rejected',
        details: { version: '1.0.0', status, destructiveActions: ['isolate_host'] },
      });
      const visible = await s.as('analyst').get(`/connectors/${id}`);
      expect(visible.status).toBe(status === 'installed' ? 200 : 404);
    },
  );

  it('when a version is no longer pending then approving or rejecting it again answers 409 connector_not_pending', async () => {
    const path = await pendingEdr('acme-twice');
    await s.as('reviewer').post(`${path}/approve`).expect(200);

    const again = await s.as('admin2').post(`${path}/reject`).expect(409);

    expect(again.body.error.code).toBe('connector_not_pending');
    expect(await statusOf('acme-twice')).toBe('installed');
  });

  it('when the version does not exist then approving it answers 404', async () => {
    const res = await s.as('reviewer').post('/connectors/acme-nothing/versions/1.0.0/approve').expect(404);
    expect(res.body.error.code).toBe('not_found');
  });
});

describe('each role on each route', () => {
  const roles: Caller[] = ['analyst', 'reviewer', 'manager', 'admin'];

  it('when each role adds a connector then only admins may (403 forbidden for the others, nothing stored)', async () => {
    const answers: Record<string, number> = {};
    for (const role of roles) {
      const res = await s.as(role).post('/connectors', { ...edr(), id: `acme-add-${role}` });
      answers[role] = res.status;
    }

    expect(answers).toEqual({ analyst: 403, reviewer: 403, manager: 403, admin: 201 });
    expect(
      await s.db.prisma.customConnectorVersion.count({ where: { connectorId: { startsWith: 'acme-add-' } } }),
    ).toBe(1);
  });

  it.each(['approve', 'reject'] as const)(
    'when each role tries to %s a pending version then analysts and managers are refused and a reviewer decides',
    async (decision) => {
      const path = await pendingEdr(`acme-roles-${decision}`);
      const answers: Record<string, number> = {};
      for (const role of ['analyst', 'manager', 'reviewer'] as const) {
        answers[role] = (await s.as(role).post(`${path}/${decision}`)).status;
      }
      expect(answers).toEqual({ analyst: 403, manager: 403, reviewer: 200 });
    },
  );

  it('when each role deletes a version then only admins may', async () => {
    const path = await pendingEdr('acme-del-roles');
    const answers: Record<string, number> = {};
    for (const role of ['analyst', 'reviewer', 'manager', 'admin'] as const) {
      answers[role] = (await s.as(role).delete(path)).status;
    }
    expect(answers).toEqual({ analyst: 403, reviewer: 403, manager: 403, admin: 204 });
  });

  it('when each role reads the connectors then everyone sees installed versions and only reviewers and admins see pending ones', async () => {
    await pendingEdr('acme-seen');
    const listed: Record<string, unknown> = {};
    const read: Record<string, number> = {};
    for (const role of roles) {
      const list = await s.as(role).get('/connectors').expect(200);
      const entry = list.body.connectors.find((c: { id: string }) => c.id === 'acme-seen');
      listed[role] = entry?.versions.map((v: { status: string }) => v.status) ?? null;
      read[role] = (await s.as(role).get('/connectors/acme-seen?version=1.0.0')).status;
    }

    expect(listed).toEqual({
      analyst: null,
      reviewer: ['pending_review'],
      manager: null,
      admin: ['pending_review'],
    });
    expect(read).toEqual({ analyst: 404, reviewer: 200, manager: 404, admin: 200 });
  });
});

describe('reading a connector with a version awaiting review', () => {
  it('when 1.0.0 is installed and 2.0.0 awaits review then the list describes 1.0.0 and a read without version returns it, even to an admin', async () => {
    const first = await pendingEdr('acme-mixed', '1.0.0');
    await s.as('reviewer').post(`${first}/approve`).expect(200);
    await pendingEdr('acme-mixed', '2.0.0');

    const list = await s.as('admin').get('/connectors').expect(200);
    const read = await s.as('admin').get('/connectors/acme-mixed').expect(200);

    const entry = list.body.connectors.find((c: { id: string }) => c.id === 'acme-mixed');
    expect(entry.version).toBe('1.0.0');
    expect(entry.versions.map((v: { version: string; status: string }) => [v.version, v.status])).toEqual([
      ['1.0.0', 'installed'],
      ['2.0.0', 'pending_review'],
    ]);
    expect(read.body.version).toBe('1.0.0');
  });
});

describe('workflows pinning a version awaiting review', () => {
  const document = (id: string) =>
    pinning(
      { connector: id, version: '1.0.0', action: 'isolate_host' },
      'edr-cred',
      { host: 'ws-42' },
      {
        effect: 'destructive',
        target: { param: 'host', kind: 'host' },
      },
    );
  const versionProblems = (problems: Array<{ nodeId: string; path: string; message: string }>) =>
    problems.filter((p) => p.path === 'params.version').map((p) => p.message);

  it('when it is saved then the step has a problem saying the version awaits review, and a review request is refused', async () => {
    await pendingEdr('acme-pinned-pending');

    const saved = await s
      .as('analyst')
      .post('/workflows', { document: document('acme-pinned-pending') })
      .expect(201);
    const review = await s
      .as('analyst')
      .post(`/workflows/${saved.body.workflow.id}/versions/1/review`, { reviewerIds: [s.userId('reviewer')] });

    expect(versionProblems(saved.body.problems)).toEqual([
      'acme-pinned-pending 1.0.0 is awaiting review, so it is not installed',
    ]);
    expect(review.status).toBe(400);
    expect(review.body.error.details).toContainEqual({
      path: 'document.call.params.version',
      message: 'acme-pinned-pending 1.0.0 is awaiting review, so it is not installed',
    });
  });

  it('when the version is approved then the same document saves without a version problem; when rejected the problem says so', async () => {
    const approved = await pendingEdr('acme-pin-approved');
    const rejected = await pendingEdr('acme-pin-rejected');
    await s.as('reviewer').post(`${approved}/approve`).expect(200);
    await s.as('reviewer').post(`${rejected}/reject`).expect(200);

    const ok = await s
      .as('analyst')
      .post('/workflows', { document: document('acme-pin-approved') })
      .expect(201);
    const no = await s
      .as('analyst')
      .post('/workflows', { document: document('acme-pin-rejected') })
      .expect(201);

    expect(versionProblems(ok.body.problems)).toEqual([]);
    expect(versionProblems(no.body.problems)).toEqual([
      'acme-pin-rejected 1.0.0 was rejected in review, so it is not installed',
    ]);
  });
});
