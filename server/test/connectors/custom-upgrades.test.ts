/**
 * Connector upgrades through review: where each installed version of a custom connector is
 * used (GET /api/connectors/:id/usages), and POST /api/workflows/:id/connector-upgrade,
 * which saves a new draft with the steps re-pinned (effect and target copied from the new
 * version) — never publishing it: the review that follows shows the re-pin and its risk.
 */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, type RoleUser } from '../authz/harness';
import { customServer, intel, INTEL_KEY, type CustomServer } from './custom-support';

/**
 * ACME IdP `version`: lookup_user (read, target user (username)) and suspend_user (target
 * user (username)), a write in 1.0.0 that becomes destructive in 1.1.0. 1.2.0 drops
 * suspend_user and makes lookup_user require a realm.
 */
function idp(version: string) {
  const param = { type: 'object', properties: { username: { type: 'string' } }, required: ['username'] };
  const lookup = {
    title: 'Look up a user',
    description: 'The account.',
    effect: 'read',
    method: 'GET',
    path: '/v1/users/{{ username }}',
    params: param,
    response: { type: 'object', properties: { id: { type: 'string' } } },
    target: { param: 'username', kind: 'user' },
    example: { id: 'u1' },
  };
  const suspend = {
    ...lookup,
    title: 'Suspend a user',
    description: 'Signs the user out and blocks sign-in.',
    effect: version === '1.0.0' ? 'write' : 'destructive',
    method: 'POST',
    path: '/v1/users/{{ username }}/suspend',
  };
  const realmLookup = {
    ...lookup,
    path: '/v2/realms/{{ realm }}/users/{{ username }}',
    params: {
      type: 'object',
      properties: { username: { type: 'string' }, realm: { type: 'string' } },
      required: ['username', 'realm'],
    },
  };
  return {
    formatVersion: 1,
    id: 'acme-idp',
    name: 'ACME IdP',
    vendor: 'ACME',
    version,
    description: 'Identity provider.',
    baseUrl: 'https://idp.acme.example',
    auth: { type: 'api_key', in: 'header', name: 'X-Api-Key' },
    actions: version === '1.2.0' ? { lookup_user: realmLookup } : { lookup_user: lookup, suspend_user: suspend },
  };
}

const USER = { param: 'username', kind: 'user' };

/**
 *   start ─out→ lookup (acme-idp lookup_user) ─out→ suspend (acme-idp suspend_user) ─out→ done
 */
function idpPlaybook(name: string) {
  const step = (action: string, effect: string, next: string) => ({
    type: 'connector',
    label: action === 'lookup_user' ? 'Find the account' : 'Suspend the account',
    params: {
      connector: 'acme-idp',
      version: '1.0.0',
      action,
      credential: 'idp-test',
      input: { username: '{{ event.user }}' },
      effect,
      target: USER,
    },
    transitions: { out: [next] },
  });
  return {
    formatVersion: 2,
    metadata: { name },
    trigger: { id: 'start', type: 'trigger.manual', params: {}, transitions: { out: ['lookup'] } },
    steps: {
      lookup: step('lookup_user', 'read', 'suspend'),
      suspend: step('suspend_user', 'write', 'done'),
      done: { type: 'end', params: {} },
    },
    samples: [{ name: 'a user', event: { user: 'mallory' } }],
  };
}

function intelPlaybook(name: string) {
  return {
    formatVersion: 2,
    metadata: { name },
    trigger: { id: 'start', type: 'trigger.manual', params: {}, transitions: { out: ['check'] } },
    steps: {
      check: {
        type: 'connector',
        params: {
          connector: 'acme-intel',
          version: '1.0.0',
          action: 'lookup_ip',
          credential: 'intel-test',
          input: { ip: '{{ event.ip }}' },
          effect: 'read',
          target: { param: 'ip', kind: 'ip' },
        },
        transitions: { out: ['done'] },
      },
      done: { type: 'end', params: {} },
    },
  };
}

let s: CustomServer;
let reviewer2: RoleUser;
let otherAnalyst: RoleUser;
/** The IdP workflow: v1 published, pinned to acme-idp 1.0.0. */
let idpWorkflow: { id: string; slug: string; name: string };

const as = (user: RoleUser) => ({
  get: (path: string) => request(s.t.http).get(`/api${path}`).set(bearer(user)),
  post: (path: string, body: object) => request(s.t.http).post(`/api${path}`).set(bearer(user)).send(body),
});

/** Saved by the analyst, approved by the reviewer, published: the workflow. */
async function publish(doc: object) {
  const saved = await s.as('analyst').post('/workflows', { document: doc }).expect(201);
  expect(saved.body.problems).toEqual([]);
  const id = String(saved.body.workflow.id);
  const review = await s
    .as('analyst')
    .post(`/workflows/${id}/versions/1/review`, { reviewerIds: [s.userId('reviewer')] })
    .expect(201);
  await s.as('reviewer').post(`/reviews/${review.body.review.id}/decisions`, { decision: 'approve' }).expect(201);
  await s.as('analyst').post(`/workflows/${id}/versions/1/publish`).expect(200);
  return saved.body.workflow as { id: string; slug: string; name: string };
}

/** Rows an upgrade writes: versions and audit lines. */
const written = async () => ({
  versions: await s.db.prisma.workflowVersion.count(),
  audit: await s.db.prisma.auditEvent.count(),
});

beforeAll(async () => {
  s = await customServer();
  reviewer2 = await s.t.addUser('reviewer');
  otherAnalyst = await s.t.addUser('analyst');
  await s.as('admin').post('/connectors', idp('1.0.0')).expect(201);
  await s.as('admin').post('/connectors', intel('1.0.0')).expect(201);
  // A plain bump: the same actions, effects and targets, another API path.
  await s.as('admin').post('/connectors', intel('1.1.0', '/v2/ip/{{ ip }}')).expect(201);
  for (const [name, connectorId] of [
    ['idp-test', 'acme-idp'],
    ['intel-test', 'acme-intel'],
  ]) {
    await s.as('admin').post('/credentials', { name, connectorId, mode: 'test', value: INTEL_KEY }).expect(201);
  }
  idpWorkflow = await publish(idpPlaybook('Suspend a phished account'));
  // 1.1.0 makes suspend_user destructive: it is installed after another person's review.
  await s.as('admin').post('/connectors', idp('1.1.0')).expect(201);
  await s.as('reviewer').post('/connectors/acme-idp/versions/1.1.0/approve').expect(200);
}, 120_000);
afterAll(() => s.close());

describe('GET /api/connectors/:id/usages', () => {
  it('when a published workflow pins 1.0.0 then 1.0.0 lists it with its steps, 1.1.0 nothing, and 1.1.0 is the newest', async () => {
    const res = await s.as('manager').get('/connectors/acme-idp/usages').expect(200);

    expect(res.body.connectorId).toBe('acme-idp');
    expect(res.body.newestVersion).toBe('1.1.0');
    expect(res.body.versions.map((v: { version: string }) => v.version)).toEqual(['1.0.0', '1.1.0']);
    expect(res.body.versions[0].usages).toEqual([
      {
        workflowId: idpWorkflow.id,
        slug: idpWorkflow.slug,
        name: 'Suspend a phished account',
        number: 1,
        status: 'published',
        published: true,
        latest: true,
        steps: [
          { stepId: 'lookup', action: 'lookup_user' },
          { stepId: 'suspend', action: 'suspend_user' },
        ],
        // A manager reads every workflow but changes none.
        canEdit: false,
      },
    ]);
    expect(res.body.versions[1]).toEqual({ version: '1.1.0', installed: true, usages: [] });
    const owner = await s.as('analyst').get('/connectors/acme-idp/usages').expect(200);
    expect(owner.body.versions[0].usages[0].canEdit).toBe(true);
  });

  it('when the connector has no installed version then the answer is 404', async () => {
    const res = await s.as('analyst').get('/connectors/acme-nothing/usages').expect(404);
    expect(res.body.error.code).toBe('not_found');
  });
});

describe('POST /api/workflows/:id/connector-upgrade: refused requests store nothing', () => {
  it('when the body lacks toVersion or names a bad step list then the answer is 400 naming the field', async () => {
    const before = await written();

    const missing = await s
      .as('analyst')
      .post(`/workflows/${idpWorkflow.id}/connector-upgrade`, { connector: 'acme-idp' })
      .expect(400);
    const empty = await s
      .as('analyst')
      .post(`/workflows/${idpWorkflow.id}/connector-upgrade`, { connector: 'acme-idp', toVersion: '1.1.0', steps: [] })
      .expect(400);

    expect(missing.body.error.details.map((d: { path: string }) => d.path)).toContain('body.toVersion');
    expect(empty.body.error.details.map((d: { path: string }) => d.path)).toContain('body.steps');
    expect(await written()).toEqual(before);
  });

  it('when the workflow, the connector or the version is unknown then the answer is 404', async () => {
    const before = await written();
    const up = (ref: string, body: object) => s.as('analyst').post(`/workflows/${ref}/connector-upgrade`, body);

    const workflow = await up('no-such-workflow', { connector: 'acme-idp', toVersion: '1.1.0' }).expect(404);
    const connector = await up(idpWorkflow.id, { connector: 'acme-nothing', toVersion: '1.0.0' }).expect(404);
    const version = await up(idpWorkflow.id, { connector: 'acme-idp', toVersion: '9.9.9' }).expect(404);

    expect(workflow.body.error.message).toBe('workflow not found');
    expect(connector.body.error.message).toBe('connector acme-nothing not found');
    expect(version.body.error.message).toBe('connector acme-idp 9.9.9 not found');
    expect(await written()).toEqual(before);
  });

  it('when a named step is not a step of that connector, or no step uses the connector, then the answer is 422 naming the field', async () => {
    const before = await written();
    const unused = await s
      .as('analyst')
      .post(`/workflows/${idpWorkflow.id}/connector-upgrade`, { connector: 'acme-intel', toVersion: '1.0.0' })
      .expect(422);
    expect(unused.body.error.details).toEqual([
      { path: 'body.connector', message: 'no step of the latest version uses acme-intel' },
    ]);

    const res = await s
      .as('analyst')
      .post(`/workflows/${idpWorkflow.id}/connector-upgrade`, {
        connector: 'acme-idp',
        toVersion: '1.1.0',
        steps: ['lookup', 'done'],
      })
      .expect(422);

    expect(res.body.error.code).toBe('connector_upgrade_invalid');
    expect(res.body.error.details).toEqual([
      { path: 'body.steps.1', message: "'done' is not a acme-idp step of the latest version" },
    ]);
    expect(await written()).toEqual(before);
  });

  it('when the steps already pin toVersion then the answer is 409', async () => {
    const before = await written();

    const res = await s
      .as('analyst')
      .post(`/workflows/${idpWorkflow.id}/connector-upgrade`, { connector: 'acme-idp', toVersion: '1.0.0' })
      .expect(409);

    expect(res.body.error.code).toBe('connector_version_current');
    expect(res.body.error.message).toBe("'lookup', 'suspend' already pin acme-idp 1.0.0");
    expect(await written()).toEqual(before);
  });

  it('when a reviewer, a manager or another analyst asks then the answer is 403 and nothing is stored', async () => {
    const before = await written();
    const body = { connector: 'acme-idp', toVersion: '1.1.0' };
    const path = `/workflows/${idpWorkflow.id}/connector-upgrade`;

    await s.as('reviewer').post(path, body).expect(403);
    await s.as('manager').post(path, body).expect(403);
    const other = await as(otherAnalyst).post(path, body).expect(403);

    expect(other.body.error.code).toBe('forbidden');
    expect(await written()).toEqual(before);
  });
});

describe('POST /api/workflows/:id/connector-upgrade: the draft and its review', () => {
  it("when suspend_user becomes destructive in 1.1.0 then the upgrade drafts v2, the review's diff lists the re-pin as high risk and needs two approvals", async () => {
    const res = await s
      .as('analyst')
      .post(`/workflows/${idpWorkflow.id}/connector-upgrade`, { connector: 'acme-idp', toVersion: '1.1.0' })
      .expect(201);

    expect(res.body).toMatchObject({ created: true, version: { number: 2, status: 'draft' }, problems: [] });
    expect(res.body.upgraded).toEqual([
      { stepId: 'lookup', action: 'lookup_user', from: '1.0.0', to: '1.1.0' },
      { stepId: 'suspend', action: 'suspend_user', from: '1.0.0', to: '1.1.0' },
    ]);
    const v2 = await s.as('analyst').get(`/workflows/${idpWorkflow.id}/versions/2`).expect(200);
    expect(v2.body.document.steps.suspend.params).toMatchObject({
      version: '1.1.0',
      effect: 'destructive',
      target: USER,
    });
    // The published version is untouched: an upgrade is never automatic.
    const wf = await s.as('analyst').get(`/workflows/${idpWorkflow.id}`).expect(200);
    expect(wf.body.published.number).toBe(1);
    const audit = await s.db.prisma.auditEvent.findFirst({
      where: { action: 'version.connector_upgraded', targetId: res.body.version.id },
    });
    expect(audit?.details).toMatchObject({ connector: 'acme-idp', toVersion: '1.1.0', fromNumber: 1, number: 2 });
    expect(audit?.actor).toContain(s.t.users.analyst.username);

    const requested = await s
      .as('analyst')
      .post(`/workflows/${idpWorkflow.id}/versions/2/review`, { reviewerIds: [s.userId('reviewer'), reviewer2.id] })
      .expect(201);
    const review = await s.as('reviewer').get(`/reviews/${requested.body.review.id}`).expect(200);

    const reason =
      'Step "suspend" (Suspend the account) is re-pinned from acme-idp 1.0.0 to acme-idp 1.1.0 (action suspend_user): its effect rises from write to destructive.';
    expect(requested.body.review.requiredApprovals).toBe(2);
    expect(review.body.diff.risk).toBe('high');
    expect(review.body.diff.riskReasons).toEqual([
      'Step "suspend" becomes destructive: its effect changes from write to destructive.',
      reason,
    ]);
    expect(review.body.diff.connectors).toEqual([
      expect.objectContaining({
        stepId: 'lookup',
        version: { before: '1.0.0', after: '1.1.0' },
        effect: { before: 'read', after: 'read' },
        highRisk: false,
      }),
      expect.objectContaining({
        stepId: 'suspend',
        connector: { before: 'acme-idp', after: 'acme-idp' },
        action: { before: 'suspend_user', after: 'suspend_user' },
        version: { before: '1.0.0', after: '1.1.0' },
        effect: { before: 'write', after: 'destructive' },
        target: { before: USER, after: USER },
        effectRaised: true,
        highRisk: true,
      }),
    ]);
    // The usages now show the draft on 1.1.0 and the published version on 1.0.0.
    const usages = await s.as('analyst').get('/connectors/acme-idp/usages').expect(200);
    const numbers = usages.body.versions.map((v: { usages: Array<{ number: number; latest: boolean }> }) =>
      v.usages.map((u) => [u.number, u.latest]),
    );
    expect(numbers).toEqual([[[1, false]], [[2, true]]]);
  });

  it('when a version drops an action and needs a new input then the answer is 422 naming each step and field, and nothing is stored', async () => {
    await s.as('admin').post('/connectors', idp('1.2.0')).expect(201);
    const doc = { ...idpPlaybook('Suspend, pinned to 1.0.0'), samples: [] };
    const saved = await s.as('analyst').post('/workflows', { document: doc }).expect(201);
    const before = await written();

    const res = await s
      .as('analyst')
      .post(`/workflows/${saved.body.workflow.id}/connector-upgrade`, { connector: 'acme-idp', toVersion: '1.2.0' })
      .expect(422);

    expect(res.body.error.code).toBe('connector_upgrade_invalid');
    expect(res.body.error.details).toEqual([
      { path: 'steps.lookup.params.input', message: 'a realm is required by “Look up a user” (acme-idp 1.2.0)' },
      {
        path: 'steps.suspend.params.action',
        message: "acme-idp 1.2.0 has no action 'suspend_user' (actions: lookup_user)",
      },
    ]);
    expect(await written()).toEqual(before);
  });

  it('when a plain bump keeps effect and target then the draft is made and its diff lists the bump at normal risk', async () => {
    const wf = await publish(intelPlaybook('Check an IP'));

    const res = await s
      .as('analyst')
      .post(`/workflows/${wf.id}/connector-upgrade`, { connector: 'acme-intel', toVersion: '1.1.0', steps: ['check'] })
      .expect(201);
    const diff = await s.as('reviewer').get(`/workflows/${wf.id}/diff?from=published&to=2`).expect(200);
    const again = await s
      .as('analyst')
      .post(`/workflows/${wf.id}/connector-upgrade`, { connector: 'acme-intel', toVersion: '1.1.0' })
      .expect(409);

    expect(res.body.version.number).toBe(2);
    expect(diff.body.diff.risk).toBe('normal');
    expect(diff.body.diff.riskReasons).toEqual([]);
    expect(diff.body.diff.connectors).toEqual([
      {
        stepId: 'check',
        label: 'Connector',
        connector: { before: 'acme-intel', after: 'acme-intel' },
        version: { before: '1.0.0', after: '1.1.0' },
        action: { before: 'lookup_ip', after: 'lookup_ip' },
        effect: { before: 'read', after: 'read' },
        target: { before: { param: 'ip', kind: 'ip' }, after: { param: 'ip', kind: 'ip' } },
        effectRaised: false,
        targetChanged: false,
        highRisk: false,
        // The server's diff checks the step against the version it now pins: it fits.
        inputProblems: [],
      },
    ]);
    expect(again.body.error.message).toBe("'check' already pins acme-intel 1.1.0");
  });

  it('when the upgraded content is that of an existing version then nothing is stored and that version is answered with 200', async () => {
    // v1 pins 1.1.0; v2 goes back to 1.0.0 by hand: upgrading v2 gives v1's content.
    const onNewer = intelPlaybook('Back and forth');
    onNewer.steps.check.params.version = '1.1.0';
    const first = await s.as('analyst').post('/workflows', { document: onNewer }).expect(201);
    const id = String(first.body.workflow.id);
    await s
      .as('analyst')
      .post(`/workflows/${id}/versions`, { document: intelPlaybook('Back and forth') })
      .expect(201);
    const before = await written();

    const res = await s
      .as('analyst')
      .post(`/workflows/${id}/connector-upgrade`, { connector: 'acme-intel', toVersion: '1.1.0' })
      .expect(200);

    expect(res.body).toMatchObject({ created: false, version: { number: 1 } });
    expect(res.body.upgraded).toEqual([{ stepId: 'check', action: 'lookup_ip', from: '1.0.0', to: '1.1.0' }]);
    expect(await written()).toEqual(before);
  });
});
