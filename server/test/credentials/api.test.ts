/** Creating, listing, changing and deleting connector credentials over HTTP; what is checked and what never comes back. */
import type { ConnectorDefinition } from '@autonomic/workflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { abuseipdb } from '../../connectors/abuseipdb/definition';
import { as, credentialsHarness, type CredentialsHarness } from './harness';

/** A connector whose credentials carry a required `site` and an optional `region` with a default. */
const sited: ConnectorDefinition = {
  ...abuseipdb,
  id: 'sited',
  name: 'Sited',
  auth: { type: 'basic' },
  baseUrl: 'https://{{ site }}.example.com',
  settings: {
    type: 'object',
    properties: {
      site: { type: 'string', pattern: '^[a-z0-9-]{1,63}$' },
      region: { type: 'string', enum: ['eu', 'us'], default: 'eu' },
    },
    required: ['site'],
    additionalProperties: false,
  },
};

let h: CredentialsHarness;
beforeAll(async () => {
  h = await credentialsHarness([sited]);
});
afterAll(() => h.close());

const admin = () => as(h, 'admin');
const good = { name: 'abuse-prod', connectorId: 'abuseipdb', mode: 'live', value: 'key-0123456789-SECRET-abcdef' };

describe('creating and listing', () => {
  it('when an admin creates a credential then answer, list and reveal agree, and no answer, row, audit line or log line holds the value', async () => {
    const created = await admin().post('/credentials', good).expect(201);
    const list = await as(h, 'analyst').get('/credentials').expect(200);

    expect(created.body).toMatchObject({
      name: 'abuse-prod',
      connectorId: 'abuseipdb',
      mode: 'live',
      settings: {},
      baseUrl: null,
      lastTest: null,
      lastUsedAt: null,
      rotation: { version: 1, rotatedAt: null, failedAt: null, failure: null },
    });
    expect(list.body.credentials).toEqual([created.body]);
    expect(await h.service.reveal('abuse-prod')).toEqual({
      name: 'abuse-prod',
      connectorId: 'abuseipdb',
      mode: 'live',
      value: good.value,
      settings: {},
    });
    const audit = await h.db.prisma.auditEvent.findMany({ where: { targetId: 'abuse-prod' } });
    expect(audit.map((a) => a.action)).toEqual(['credential.created']);
    for (const text of [
      JSON.stringify(created.body),
      JSON.stringify(list.body),
      await h.dump(),
      h.logLines.join('\n'),
    ]) {
      expect(text).not.toContain(good.value);
      expect(text).not.toContain('SECRET');
    }
  });

  it('when analysts, reviewers and managers call the routes then they may list, and only admins change anything', async () => {
    for (const role of ['analyst', 'reviewer', 'manager'] as const) {
      await as(h, role).get('/credentials').expect(200);
      await as(h, role)
        .post('/credentials', { ...good, name: `by-${role}` })
        .expect(403);
      await as(h, role).patch('/credentials/abuse-prod', { mode: 'test' }).expect(403);
      await as(h, role).post('/credentials/abuse-prod/test').expect(403);
      await as(h, role).post('/credentials/abuse-prod/rotate', { value: 'other-key' }).expect(403);
      await as(h, role).delete('/credentials/abuse-prod').expect(403);
    }
    expect((await h.service.index()).map((c) => c.name)).toEqual(['abuse-prod']);
  });

  it('when the list asks for one connector then only its credentials come back', async () => {
    await admin()
      .post('/credentials', {
        ...good,
        name: 'sited-test',
        connectorId: 'sited',
        mode: 'test',
        value: 'me:pw',
        settings: { site: 'acme' },
      })
      .expect(201);

    const one = await admin().get('/credentials?connectorId=sited').expect(200);

    expect(one.body.credentials.map((c: { name: string }) => c.name)).toEqual(['sited-test']);
    expect(await h.service.index()).toEqual([
      { name: 'abuse-prod', connectorId: 'abuseipdb', mode: 'live' },
      { name: 'sited-test', connectorId: 'sited', mode: 'test' },
    ]);
  });
});

describe('refused bodies', () => {
  const bad = { ...good, name: 'refused' };
  const onSited = { connectorId: 'sited', value: 'u:p' };
  const cases: Array<[string, string, Record<string, unknown>]> = [
    ['a name that is not a slug', 'body.name', { ...bad, name: 'Abuse Prod' }],
    ['no name', 'body.name', { ...bad, name: undefined }],
    ['a connector id that is not a slug', 'body.connectorId', { ...bad, connectorId: 'Abuse IPDB' }],
    ['an unknown connector', 'body.connectorId', { ...bad, connectorId: 'nosuchvendor' }],
    ['an unknown mode', 'body.mode', { ...bad, mode: 'prod' }],
    ['an empty value', 'body.value', { ...bad, value: '' }],
    ['a blank value', 'body.value', { ...bad, value: '   ' }],
    ['a value over 16 KiB', 'body.value', { ...bad, value: 'k'.repeat(16_385) }],
    ['a value with a line break', 'body.value', { ...bad, value: 'key\r\nX-Evil: 1' }],
    ['basic auth without user:password', 'body.value', { ...bad, ...onSited, value: 'token', settings: { site: 'a' } }],
    ['settings for a connector that takes none', 'body.settings', { ...bad, settings: { site: 'acme' } }],
    ['a setting that is not text', 'body.settings.site', { ...bad, ...onSited, settings: { site: 7 } }],
    ['a missing required setting', 'body.settings', { ...bad, ...onSited, settings: {} }],
    ['a setting off its schema', 'body.settings', { ...bad, ...onSited, settings: { site: 'a.b/c' } }],
    ['an unknown setting', 'body.settings', { ...bad, ...onSited, settings: { site: 'a', x: 'y' } }],
    ['a base URL that is not http(s)', 'body.baseUrl', { ...bad, baseUrl: 'ftp://files.example.com' }],
    ['a base URL with a password in it', 'body.baseUrl', { ...bad, baseUrl: 'https://u:p@fw.example.com' }],
    ['an unknown field', 'body', { ...bad, ciphertext: 'x' }],
  ];

  it.each(cases)('when the body has %s then 400 names %s and nothing is stored', async (_why, field, body) => {
    const before = await h.db.prisma.connectorCredential.count();
    const auditBefore = await h.db.prisma.auditEvent.count();

    const res = await admin().post('/credentials', body);

    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(field);
    expect(JSON.stringify(res.body)).not.toContain('key-0123456789');
    expect(await h.db.prisma.connectorCredential.count()).toBe(before);
    expect(await h.db.prisma.auditEvent.count()).toBe(auditBefore);
  });

  it('when the name is taken (by a credential of another connector too) then 409 credential_name_taken and the first is unchanged', async () => {
    const again = await admin()
      .post('/credentials', { ...good, value: 'another-value' })
      .expect(409);
    const other = await admin()
      .post('/credentials', { ...good, connectorId: 'sited', value: 'u:p', settings: { site: 'x' } })
      .expect(409);

    expect(again.body.error.code).toBe('credential_name_taken');
    expect(other.body.error.code).toBe('credential_name_taken');
    expect((await h.service.reveal('abuse-prod'))?.value).toBe(good.value);
  });

  it("when a connector declares settings then valid ones are stored with the schema's defaults filled in", async () => {
    const res = await admin()
      .post('/credentials', {
        name: 'sited_eu',
        connectorId: 'sited',
        mode: 'test',
        value: 'me@corp:pw',
        settings: { site: 'soc' },
      })
      .expect(201);

    expect(res.body.settings).toEqual({ site: 'soc', region: 'eu' });
    expect((await h.service.reveal('sited_eu'))?.settings).toEqual({ site: 'soc', region: 'eu' });
  });
});

describe('changing and deleting', () => {
  it('when an admin changes mode, settings and base URL then they are stored and audited with before and after, the value unchanged', async () => {
    const res = await admin()
      .patch('/credentials/sited_eu', {
        mode: 'live',
        settings: { site: 'soc2', region: 'us' },
        baseUrl: 'https://jira.corp.example',
      })
      .expect(200);

    expect(res.body).toMatchObject({
      mode: 'live',
      settings: { site: 'soc2', region: 'us' },
      baseUrl: 'https://jira.corp.example',
    });
    expect(await h.service.reveal('sited_eu')).toMatchObject({
      value: 'me@corp:pw',
      mode: 'live',
      baseUrl: 'https://jira.corp.example',
    });
    const [audit] = await h.db.prisma.auditEvent.findMany({
      where: { targetId: 'sited_eu', action: 'credential.updated' },
    });
    expect(audit?.details).toMatchObject({
      before: { mode: 'test', baseUrl: null },
      after: { mode: 'live', baseUrl: 'https://jira.corp.example' },
    });

    const cleared = await admin().patch('/credentials/sited_eu', { baseUrl: null }).expect(200);
    expect(cleared.body.baseUrl).toBeNull();
  });

  it('when a change is wrong then 400 names the field (settings checked against the schema) and nothing moves', async () => {
    const bad = await admin()
      .patch('/credentials/sited_eu', { settings: { region: 'eu' } })
      .expect(400);
    const empty = await admin().patch('/credentials/sited_eu', {}).expect(400);
    const value = await admin().patch('/credentials/sited_eu', { value: 'new' }).expect(400);
    const missing = await admin().patch('/credentials/nope', { mode: 'test' }).expect(404);

    expect(bad.body.error.details[0].path).toBe('body.settings');
    expect(empty.body.error.details[0].path).toBe('body');
    expect(value.body.error.details[0].path).toBe('body');
    expect(missing.body.error.code).toBe('not_found');
    expect((await h.service.reveal('sited_eu'))?.settings).toEqual({ site: 'soc2', region: 'us' });
  });

  it('when an admin deletes a credential then it is gone from list and reveal, audited, and a second delete is 404', async () => {
    await admin().delete('/credentials/sited_eu').expect(204);
    await admin().delete('/credentials/sited_eu').expect(404);

    expect(await h.service.reveal('sited_eu')).toBeUndefined();
    expect((await h.service.index()).map((c) => c.name)).not.toContain('sited_eu');
    const audit = await h.db.prisma.auditEvent.findMany({
      where: { targetId: 'sited_eu' },
      orderBy: { createdAt: 'asc' },
    });
    expect(audit.map((a) => a.action)).toEqual([
      'credential.created',
      'credential.updated',
      'credential.updated',
      'credential.deleted',
    ]);
  });

  it('when a credential is used twice within a minute then last used is recorded once; an unknown name is ignored', async () => {
    await h.service.touch('abuse-prod');
    const first = (await h.db.prisma.connectorCredential.findUnique({ where: { name: 'abuse-prod' } }))?.lastUsedAt;
    await h.service.touch('abuse-prod');
    await h.service.touch('nope');

    const second = (await h.db.prisma.connectorCredential.findUnique({ where: { name: 'abuse-prod' } }))?.lastUsedAt;
    expect(first).toBeInstanceOf(Date);
    expect(second).toEqual(first);
  });

  it('when a row was tampered with (its ciphertext moved to another name) then reveal answers undefined and logs no value', async () => {
    const source = await h.db.prisma.connectorCredential.findUniqueOrThrow({ where: { name: 'abuse-prod' } });
    await admin()
      .post('/credentials', { ...good, name: 'copy', value: 'placeholder' })
      .expect(201);
    const { ciphertext, iv, tag } = source;
    await h.db.prisma.connectorCredential.update({ where: { name: 'copy' }, data: { ciphertext, iv, tag } });

    expect(await h.service.reveal('copy')).toBeUndefined();
    expect(h.logLines.join('\n')).toContain('does not decrypt');
    expect(h.logLines.join('\n')).not.toContain(good.value);
  });
});

describe('the contract', () => {
  it('when the OpenAPI document is read then every credential route is in it and no answer can carry a value', async () => {
    const res = await as(h, 'analyst').get('/openapi.json').expect(200);
    const paths = Object.entries(res.body.paths as Record<string, Record<string, { responses?: unknown }>>).filter(
      ([path]) => path.startsWith('/api/credentials'),
    );

    expect(paths.map(([path, ops]) => `${Object.keys(ops).sort().join(',')} ${path}`).sort()).toEqual([
      'delete,patch /api/credentials/{name}',
      'get,post /api/credentials',
      'post /api/credentials/{name}/rotate',
      'post /api/credentials/{name}/test',
    ]);
    const answers = JSON.stringify(paths.flatMap(([, ops]) => Object.values(ops).map((op) => op.responses)));
    expect(answers).toContain('"connectorId"');
    expect(answers).not.toMatch(/"(value|ciphertext)"/);
  });
});
