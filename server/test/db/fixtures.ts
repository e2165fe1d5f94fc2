/** Minimal rows for database tests: a user, a workflow with a version, a run. */
import { randomBytes } from 'node:crypto';
import type { PrismaClient } from '../../src/generated/prisma/client';

const unique = (prefix: string): string => `${prefix}-${randomBytes(4).toString('hex')}`;

export async function seedUser(prisma: PrismaClient, username = unique('user')) {
  return prisma.user.create({ data: { username, displayName: username, passwordHash: 'not-a-real-hash' } });
}

export async function seedWorkflowWithVersion(prisma: PrismaClient) {
  const owner = await seedUser(prisma);
  const workflow = await prisma.workflow.create({
    data: { slug: unique('wf'), name: 'Contain host', ownerId: owner.id },
  });
  const version = await prisma.workflowVersion.create({
    data: {
      workflowId: workflow.id,
      number: 1,
      document: { formatVersion: 1, steps: [] },
      contentHash: 'sha256:one',
      authorId: owner.id,
    },
  });
  return { owner, workflow, version };
}

export async function seedRun(prisma: PrismaClient) {
  const { owner, workflow, version } = await seedWorkflowWithVersion(prisma);
  const run = await prisma.run.create({
    data: { workflowId: workflow.id, versionId: version.id, mode: 'live', triggerType: 'manual', input: {} },
  });
  return { owner, workflow, version, run };
}
