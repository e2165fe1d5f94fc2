import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { secretRoutes } from '../../src/http/routes/secrets';
import { createCipher, createSecretsVault, loadMasterKey, type SecretsVaultService } from '../../src/services/secrets';
import { createTestDatabase, type TestDatabase } from '../db/test-database';
import { createUser, testApp, testContext } from '../support/app';

let db: TestDatabase;
let vault: SecretsVaultService;
let app: ReturnType<typeof testApp>['app'];
let admin: Awaited<ReturnType<typeof createUser>>;
const logLines: string[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  const log = pino({ level: 'trace' }, { write: (line: string) => void logLines.push(line) });
  const ctx = { ...testContext(db.prisma), log };
  vault = createSecretsVault(ctx, randomBytes(32));
  app = testApp(ctx, [secretRoutes({ vault })]).app;
  admin = await createUser(db.prisma, 'admin');
});
afterAll(() => db.drop());

describe('cipher', () => {
  const cipher = createCipher(randomBytes(32));

  it('when a value is sealed and opened with the same context then it comes back', () => {
    expect(cipher.open(cipher.seal('p@ss wörd', 'secret:a'), 'secret:a')).toBe('p@ss wörd');
  });

  it('when one byte of the ciphertext, the tag or the context differs then opening fails', () => {
    const sealed = cipher.seal('token-123', 'secret:a');
    const flipped = Buffer.from(sealed.ciphertext);
    flipped[0] = (flipped[0] ?? 0) ^ 1;
    expect(() => cipher.open({ ...sealed, ciphertext: flipped }, 'secret:a')).toThrow();
    expect(() => cipher.open({ ...sealed, tag: Buffer.alloc(16) }, 'secret:a')).toThrow();
    expect(() => cipher.open({ ...sealed, tag: Buffer.from(sealed.tag).subarray(0, 4) }, 'secret:a')).toThrow();
    expect(() => cipher.open(sealed, 'secret:b')).toThrow();
    expect(() => createCipher(randomBytes(32)).open(sealed, 'secret:a')).toThrow();
  });
});

describe('master key', () => {
  it('when no SECRET_KEY is set then a key file is created once with mode 0600 and reused', () => {
    const dir = mkdtempSync(join(tmpdir(), 'autonomic-key-'));
    try {
      const first = loadMasterKey({ DATA_DIR: dir });
      expect(first.length).toBe(32);
      expect(statSync(join(dir, 'secret.key')).mode & 0o777).toBe(0o600);
      expect(loadMasterKey({ DATA_DIR: dir }).equals(first)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('when SECRET_KEY is set then it is used, and a wrong length is refused with a hint', () => {
    const key = randomBytes(32);
    expect(loadMasterKey({ DATA_DIR: '/nonexistent', SECRET_KEY: key.toString('base64') }).equals(key)).toBe(true);
    expect(() => loadMasterKey({ DATA_DIR: '/nonexistent', SECRET_KEY: 'c2hvcnQ=' })).toThrow(/32 bytes/);
  });
});

describe('secrets API', () => {
  it('when an admin stores a secret then the vault reveals it, but no answer, audit line or log line holds it', async () => {
    const value = `sk-live-${randomBytes(12).toString('hex')}`;
    const put = await request(app).put('/api/secrets/virustotal.key').set('Authorization', admin.auth).send({ value });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ name: 'virustotal.key', created: true });
    const list = await request(app).get('/api/secrets').set('Authorization', admin.auth);
    expect(list.body.secrets.map((s: { name: string }) => s.name)).toContain('virustotal.key');
    expect(Object.keys(list.body.secrets[0]).sort()).toEqual(['createdAt', 'name', 'updatedAt']);
    expect(await vault.reveal('virustotal.key')).toBe(value);

    const replaced = await request(app)
      .put('/api/secrets/virustotal.key')
      .set('Authorization', admin.auth)
      .send({ value: `${value}-2` });
    expect(replaced.body.created).toBe(false);
    const audit = await db.prisma.auditEvent.findMany({ where: { targetType: 'secret', targetId: 'virustotal.key' } });
    expect(audit.map((a) => a.action)).toEqual(['secret.created', 'secret.replaced']);
    const everything = JSON.stringify([put.body, list.body, replaced.body, audit, logLines]);
    expect(everything).not.toContain(value);
  });

  it('when a stored ciphertext is altered then reveal gives nothing and the log names only the secret', async () => {
    const value = 'hunter2-hunter2';
    await vault.put('tampered', value, { userId: admin.id, username: admin.username, role: 'admin', via: 'token' });
    const row = await db.prisma.secret.findUniqueOrThrow({ where: { name: 'tampered' } });
    const bytes = Buffer.from(row.ciphertext);
    bytes[0] = (bytes[0] ?? 0) ^ 0xff;
    await db.prisma.secret.update({ where: { name: 'tampered' }, data: { ciphertext: bytes } });
    expect(await vault.reveal('tampered')).toBeUndefined();
    const line = logLines.find((l) => l.includes('does not decrypt'));
    expect(line).toContain('"secretName":"tampered"');
    expect(logLines.join('\n')).not.toContain(value);
  });

  it('when a non-admin lists, sets or deletes secrets then 403 and nothing changes', async () => {
    const manager = await createUser(db.prisma, 'manager');
    const answers = [
      await request(app).get('/api/secrets').set('Authorization', manager.auth),
      await request(app).put('/api/secrets/x.y').set('Authorization', manager.auth).send({ value: 'v' }),
      await request(app).delete('/api/secrets/virustotal.key').set('Authorization', manager.auth),
    ];
    expect(answers.map((r) => r.status)).toEqual([403, 403, 403]);
    expect(await db.prisma.secret.count({ where: { name: 'x.y' } })).toBe(0);
    expect(await vault.reveal('virustotal.key')).toBeDefined();
  });

  it('when a secret is deleted then it is gone and audited; an unknown one is 404; a bad name is 400', async () => {
    await request(app).put('/api/secrets/short-lived').set('Authorization', admin.auth).send({ value: 'abc-def-ghi' });
    const del = await request(app).delete('/api/secrets/short-lived').set('Authorization', admin.auth);
    expect(del.status).toBe(204);
    expect(await vault.reveal('short-lived')).toBeUndefined();
    expect(await db.prisma.auditEvent.count({ where: { action: 'secret.deleted', targetId: 'short-lived' } })).toBe(1);
    expect((await request(app).delete('/api/secrets/short-lived').set('Authorization', admin.auth)).status).toBe(404);
    const bad = await request(app)
      .put('/api/secrets/has%20space')
      .set('Authorization', admin.auth)
      .send({ value: 'v' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe('params.name');
  });
});
