/**
 * What the API benchmark needs in the database: a user, workflows published with a
 * webhook trigger (the 3-step playbook and a 400-step chain), and each one's webhook
 * secret, made by the webhook-secret service (the only time a secret is returned).
 */
import { WorkflowDocument } from '@autonomic/workflow';
import type { AppContext } from '../../src/context';
import type { Actor } from '@autonomic/api';
import { createCipher } from '../../src/services/secrets';
import { createWebhookSecrets, createWebhookService } from '../../src/services/triggers';

const doc = (steps: Record<string, unknown>, entry: string) =>
  WorkflowDocument.parse({
    formatVersion: 3,
    metadata: { name: 'bench' },
    trigger: { id: 'start', type: 'trigger.webhook', params: {}, transitions: { out: [entry] } },
    steps,
  });

/** start → enrich (transform) → risky (condition) ─true→ verdict (transform, end) */
export const threeStepDoc = doc(
  {
    enrich: {
      type: 'transform',
      params: { expression: '{ "ip": event.src_ip, "score": 80 }' },
      transitions: { out: ['risky'] },
    },
    risky: {
      type: 'condition',
      params: { predicate: 'steps.enrich.output.score >= 70' },
      transitions: { true: ['verdict'] },
    },
    verdict: { type: 'transform', params: { expression: '"contain " & steps.enrich.output.ip' }, transitions: {} },
  },
  'enrich',
);

/** start → s0 → s1 → … → s(n-1), each `previous + 1`. */
export function chainDoc(n: number): WorkflowDocument {
  const steps: Record<string, unknown> = {};
  for (let i = 0; i < n; i++) {
    const prev = i === 0 ? 'event.n' : `steps.s${i - 1}.output`;
    steps[`s${i}`] = {
      type: 'transform',
      params: { expression: `${prev} + 1` },
      transitions: i + 1 < n ? { out: [`s${i + 1}`] } : {},
    };
  }
  return doc(steps, 's0');
}

/** Creates a workflow named `slug` whose version 1, `document`, is published; returns its id. */
export async function publishDocument(
  prisma: AppContext['prisma'],
  ownerId: string,
  slug: string,
  document: WorkflowDocument,
): Promise<string> {
  const wf = await prisma.workflow.create({ data: { slug, name: slug, ownerId } });
  const version = await prisma.workflowVersion.create({
    data: {
      workflowId: wf.id,
      number: 1,
      document: JSON.parse(JSON.stringify(document)),
      contentHash: slug,
      authorId: ownerId,
      status: 'published',
    },
  });
  await prisma.workflow.update({ where: { id: wf.id }, data: { publishedVersionId: version.id } });
  return wf.id;
}

export interface SeededHook {
  workflowId: string;
  path: string;
  secret: string;
}

/**
 * Seeds one user and one published workflow per document, each with a webhook secret.
 * `key` is the master key the server will use (passed to it as SECRET_KEY).
 */
export async function seedHooks(ctx: AppContext, key: Buffer, docs: Record<string, WorkflowDocument>) {
  const { prisma } = ctx;
  const user = await prisma.user.create({
    data: { username: 'bench', displayName: 'Bench', passwordHash: '-', role: 'admin' },
  });
  const actor: Actor = { userId: user.id, username: user.username, role: 'admin', via: 'token' };
  const cipher = createCipher(key);
  const notStarting = () => Promise.reject(new Error('seeding only: no run starts here'));
  const webhooks = createWebhookService(ctx, { runs: { startLive: notStarting, waitForRun: notStarting }, cipher });
  const secrets = createWebhookSecrets(ctx, { cipher, webhooks });
  const hooks: Record<string, SeededHook> = {};
  for (const [slug, document] of Object.entries(docs)) {
    const workflowId = await publishDocument(prisma, user.id, slug, document);
    const path = `/api/hooks/${workflowId}`;
    const { secret } = await secrets.rotate(workflowId, actor, path);
    hooks[slug] = { workflowId, path, secret };
  }
  return hooks;
}
