import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestDatabase } from '../db/test-database';
import { example, interopApp, type Http, type People } from './support';

let db: TestDatabase;
let http: Http;
let people: People;

beforeAll(async () => {
  ({ db, http, people } = await interopApp({ files: true }));
});
afterAll(() => db.drop());

type Imported = { workflowId: string; version: { id: string; number: number }; created: boolean; warnings: string[] };

const as = (who: 'analyst' | 'reviewer') => people[who].auth;

/** A workflow with one version (made from a CACAO example), and that version as a file of our own. */
async function exported(playbook = 'http-playbook.json') {
  const made = (
    await http
      .post('/api/workflows/import/cacao')
      .set('Authorization', as('analyst'))
      .send({ playbook: example(playbook) })
  ).body as Imported;
  const res = await http
    .get(`/api/workflows/${made.workflowId}/versions/1/export`)
    .set('Authorization', as('reviewer'));
  expect(res.status).toBe(200);
  return { made, file: res.body as Record<string, unknown>, disposition: String(res.headers['content-disposition']) };
}

const hashOf = async (workflowId: string, number: number): Promise<string> =>
  (await http.get(`/api/workflows/${workflowId}/versions/${number}`).set('Authorization', as('analyst'))).body
    .contentHash;

const importAs = (who: 'analyst' | 'reviewer', body: Record<string, unknown>) =>
  http.post('/api/workflows/import').set('Authorization', as(who)).send(body);

describe('workflow files of our own (PostgreSQL)', () => {
  it('when a version is exported and imported as a new workflow then the draft has the same content hash', async () => {
    const { made, file, disposition } = await exported();
    expect(file).toMatchObject({ kind: 'autonomic.workflow', formatVersion: expect.any(Number), connectors: [] });
    expect(disposition).toMatch(/^attachment; filename=".+-v1\.autonomic\.json"$/);
    const res = await importAs('analyst', { file });
    expect(res.status).toBe(201);
    const body = res.body as Imported;
    expect(body.workflowId).not.toBe(made.workflowId);
    expect(body).toMatchObject({ version: { number: 1 }, created: true, warnings: [] });
    expect(await hashOf(body.workflowId, 1)).toBe(await hashOf(made.workflowId, 1));
    const audit = await db.prisma.auditEvent.findFirst({ where: { action: 'workflow.imported_file' } });
    expect(audit?.details).toMatchObject({ workflowId: body.workflowId, number: 1 });
  });

  it('when it names an existing workflow then the import is its next draft version', async () => {
    const { made } = await exported('ssh-playbook.json');
    const { file } = await exported('http-playbook.json');
    const res = await importAs('analyst', { file, workflowId: made.workflowId });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ workflowId: made.workflowId, version: { number: 2 }, created: true });
  });

  it('when the file pins a connector version not installed here then the import says so in words', async () => {
    const { file } = await exported();
    const res = await importAs('analyst', { file: { ...file, connectors: [{ id: 'abuseipdb', version: '9.9.9' }] } });
    expect(res.status).toBe(201);
    expect((res.body as Imported).warnings).toEqual([
      expect.stringContaining('The connector "abuseipdb" version 9.9.9 is not installed here'),
    ]);
  });

  it('when a reviewer imports then 403 and nothing is created', async () => {
    const { file } = await exported();
    const before = await db.prisma.workflow.count();
    const res = await importAs('reviewer', { file });
    expect(res.status).toBe(403);
    expect(await db.prisma.workflow.count()).toBe(before);
  });

  it.each([
    [{ kind: 'something.else', formatVersion: 1, document: {} }, 'it is not an Autonomic workflow file'],
    [{ type: 'playbook', spec_version: 'cacao-2.0' }, 'this is a CACAO playbook: import it as CACAO'],
    [
      { kind: 'autonomic.workflow', formatVersion: 999, document: {} },
      'it was written in format version 999, newer than this server reads',
    ],
    [{ kind: 'autonomic.workflow', formatVersion: 1 }, 'it holds no workflow document'],
    [
      { kind: 'autonomic.workflow', formatVersion: 1, document: {}, connectors: [{ id: 3 }] },
      'connector 1 of its list',
    ],
  ])('when the file is bad (%j) then 400 says what in words and nothing is created', async (file, words) => {
    const before = await db.prisma.workflow.count();
    const res = await importAs('analyst', { file });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(`the workflow file cannot be imported: ${words}`);
    expect(JSON.stringify(res.body.error.message)).not.toMatch(/body\.|validation_failed/);
    expect(await db.prisma.workflow.count()).toBe(before);
  });

  it('when the document itself cannot be saved then 400 says so in words', async () => {
    const { file } = await exported();
    const res = await importAs('analyst', { file: { ...file, document: { steps: 'none' } } });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/^the workflow file cannot be imported: its document /);
  });
});
