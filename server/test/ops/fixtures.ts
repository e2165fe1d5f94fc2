/** Rows and fakes shared by the ops tests. */
import { randomBytes } from 'node:crypto';
import type { PrismaClient } from '../../src/generated/prisma/client';
import { SignatureReplayedError } from '../../src/executor/start';
import type { RunStarter, RunSummaryView } from '../../src/services/contracts';
import { claimWebhookNonces } from '../../src/store/webhooks';

const unique = (prefix: string) => `${prefix}-${randomBytes(4).toString('hex')}`;

export interface SeedWorkflowOptions {
  trigger?: 'trigger.webhook' | 'trigger.schedule' | 'trigger.manual';
  triggerParams?: Record<string, string>;
  /** The trigger's input schema (JSON Schema); none by default. */
  inputSchema?: unknown;
  /** @default true */
  publish?: boolean;
  ownerId?: string;
}

/** A workflow with one version (published unless told otherwise) whose trigger is `trigger`. */
export async function seedWorkflow(prisma: PrismaClient, opts: SeedWorkflowOptions = {}) {
  const ownerId =
    opts.ownerId ??
    (await prisma.user.create({ data: { username: unique('owner'), displayName: 'Owner', passwordHash: 'x' } })).id;
  const workflow = await prisma.workflow.create({ data: { slug: unique('wf'), name: unique('Playbook'), ownerId } });
  const document = {
    formatVersion: 1,
    metadata: { name: workflow.name },
    trigger: {
      id: 'start',
      type: opts.trigger ?? 'trigger.webhook',
      params: opts.triggerParams ?? {},
      ...(opts.inputSchema === undefined ? {} : { inputSchema: opts.inputSchema }),
    },
    steps: {},
  };
  const version = await prisma.workflowVersion.create({
    data: {
      workflowId: workflow.id,
      number: 1,
      document,
      contentHash: unique('sha256'),
      authorId: ownerId,
      status: opts.publish === false ? 'draft' : 'published',
    },
  });
  if (opts.publish !== false) {
    await prisma.workflow.update({ where: { id: workflow.id }, data: { publishedVersionId: version.id } });
  }
  return { workflow, version, ownerId };
}

export interface StartCall {
  workflowId: string;
  event: unknown;
  trigger: string;
  dedupeKey?: string;
  eventTimestamp?: Date;
}

/**
 * A RunStarter that records calls; `dedupeKey` repeats return the first run, like the real one.
 * A webhook's signature (`claim`) is claimed as the real one does (in `webhook_nonces` when
 * given `prisma`, else in memory): a replay throws before anything is recorded.
 */
export function fakeRunStarter(result?: (runId: string) => RunSummaryView, prisma?: PrismaClient) {
  const calls: StartCall[] = [];
  const byKey = new Map<string, string>();
  const claimed = new Set<string>();
  async function claim(workflowId: string, c: { nonce: string; expiresAt: Date }): Promise<boolean> {
    if (prisma) return (await claimWebhookNonces(prisma, [{ workflowId, ...c }])).size === 1;
    const key = `${workflowId} ${c.nonce}`;
    if (claimed.has(key)) return false;
    claimed.add(key);
    return true;
  }
  const starter: RunStarter = {
    async startLive(input) {
      if (input.claim && !(await claim(input.workflowId, input.claim))) throw new SignatureReplayedError();
      calls.push(input);
      const existing = input.dedupeKey ? byKey.get(input.dedupeKey) : undefined;
      if (existing) return { runId: existing, deduplicated: true };
      const runId = `run-${calls.length}`;
      if (input.dedupeKey) byKey.set(input.dedupeKey, runId);
      return { runId, deduplicated: false };
    },
    async waitForRun(runId) {
      return result ? result(runId) : { runId, status: 'running' };
    },
  };
  return { starter, calls };
}
