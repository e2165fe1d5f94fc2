/** Tests only: what the interop route tests share — CACAO examples and an app with the interop and workflow routes on its own database. */
import { readFileSync } from 'node:fs';
import supertest from 'supertest';
import { interopRoutes } from '../../src/http/routes/interop';
import { workflowRoutes } from '../../src/http/routes/workflows';
import { createCacaoInterop } from '../../src/services/interop/cacao';
import { createWorkflowFileInterop } from '../../src/services/interop/workflow-file';
import { createWorkflowServices } from '../../src/services/workflows';
import { createTestDatabase, type TestDatabase } from '../db/test-database';
import { createUser, testApp, testContext } from '../support/app';

const EXAMPLES = new URL('../../../third_party/cacao/examples/', import.meta.url);

/** A CACAO example playbook from third_party/cacao/examples, parsed. */
export const example = (file: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(file, EXAMPLES), 'utf8'));

export type Http = ReturnType<typeof supertest>;
export type People = Record<'analyst' | 'reviewer', { id: string; auth: string }>;

/**
 * A fresh database, an app with the interop and workflow routes, an analyst and a reviewer.
 * `files`: also the workflow file import/export, with no connector installed (every pinned version is missing).
 */
export async function interopApp(options: { files?: boolean } = {}): Promise<{
  db: TestDatabase;
  http: Http;
  people: People;
}> {
  const db = await createTestDatabase();
  const ctx = testContext(db.prisma);
  const wf = createWorkflowServices(ctx);
  const files = options.files ? createWorkflowFileInterop(ctx, { ...wf, connectors: () => undefined }) : undefined;
  const cacao = createCacaoInterop(ctx, wf);
  const { app } = testApp(ctx, [interopRoutes(files ? { cacao, files } : { cacao }), workflowRoutes(wf)]);
  const people = { analyst: await createUser(db.prisma, 'analyst'), reviewer: await createUser(db.prisma, 'reviewer') };
  return { db, http: supertest(app), people };
}
