/**
 * A runtime with the approval notifier wired like server.ts, on a virtual clock, for any
 * notify carrier: the credentials a test names (a connector, its secret, its mock's base
 * URL and settings), the approvals and signed-link routes, and a run that asks a lead to
 * approve (break glass to an on-call after 10 minutes).
 */
import { createHttpClient } from '../../src/adapters/http-client';
import { createConnectorCatalog } from '../../src/connectors/catalog';
import { createConnectorClient } from '../../src/connectors/client';
import type { Config } from '../../src/config';
import { createVirtualClock } from '../../src/engine';
import { approvalRoutes } from '../../src/http/routes/approvals';
import { approvalLinkRoutes } from '../../src/http/routes/approval-links';
import { createApprovalService } from '../../src/services/approvals';
import { createRunStarter } from '../../src/services/runs/starter';
import {
  createApprovalNotifier,
  createLinkDecisionService,
  linkKeyOf,
  notifySettingsOf,
  withNotifications,
} from '../../src/services/approval-notifications';
import type { ConnectorCredentials } from '../../src/services/contracts';
import { createUser, testApp, testContext } from '../support/app';
import type { TestDatabase } from '../db/test-database';
import {
  eventually,
  publishedWorkflow,
  RecordingEffects,
  step,
  testExecutor,
  transform,
  workflow,
} from '../runs/support';

export interface TestCredential {
  connectorId: string;
  value: string;
  baseUrl?: string;
  settings?: Record<string, string>;
}

/** A credential store that knows only the given credentials, all live. */
export function fixedCredentials(all: Record<string, TestCredential>): ConnectorCredentials {
  return {
    reveal: async (name) => {
      const c = all[name];
      return c ? { name, mode: 'live', settings: {}, ...c } : undefined;
    },
    index: async () =>
      Object.entries(all).map(([name, c]) => ({ name, connectorId: c.connectorId, mode: 'live' as const })),
  };
}

export async function notifyRuntime(
  db: TestDatabase,
  credentials: Record<string, TestCredential>,
  config: Partial<Config>,
  clock = createVirtualClock({ start: Date.now() }),
) {
  const ctx = { ...testContext(db.prisma, { PUBLIC_URL: 'http://autonomic.test', ...config }), clock };
  const linkKey = linkKeyOf(Buffer.alloc(32, 7));
  const notifier = createApprovalNotifier(ctx, {
    settings: notifySettingsOf(ctx.config),
    catalog: createConnectorCatalog(),
    credentials: fixedCredentials(credentials),
    client: createConnectorClient({
      http: createHttpClient({ allow: ['127.0.0.1'] }),
      outboundAllow: ['127.0.0.1'],
      sleep: async () => {},
    }),
    linkKey,
    pollMs: 50,
    retryMs: 1_000,
  });
  const executor = testExecutor(ctx, db.url, new RecordingEffects(), {
    approvalHooks: notifier.hooks,
    limits: { inlineWaitMs: 20 },
  });
  const approvals = withNotifications(ctx, createApprovalService(ctx, executor));
  const links = createLinkDecisionService(ctx, {
    approvals,
    linkKey,
    signedOnly: ctx.config.APPROVAL_LINKS_SIGNED_ONLY,
  });
  const { app } = testApp(ctx, [approvalRoutes({ approvals }), approvalLinkRoutes({ links })]);
  const starter = createRunStarter(ctx, executor);
  await executor.start();
  notifier.start();
  const stop = async () => {
    await notifier.stop();
    await executor.stop();
  };
  return { clock, executor, starter, app, stop };
}

// start → ask (lead; after 10 min break glass: on-call) ─approved→ done
export async function startAsking(
  db: TestDatabase,
  rt: Awaited<ReturnType<typeof notifyRuntime>>,
  options: { leadName?: string } = {},
) {
  const lead = await createUser(db.prisma, 'reviewer', options.leadName);
  const oncall = await createUser(db.prisma, 'manager');
  const doc = workflow('ask', {
    ask: step(
      'approval',
      {
        approvers: { users: [lead.username] },
        message: 'Block 203.0.113.66 at the edge?',
        timeout: '1h',
        escalation: [{ after: '10m', approvers: { users: [oncall.username] }, breakGlass: true, label: 'on-call' }],
      },
      { approved: 'done' },
    ),
    done: transform('"contained"'),
  });
  const wf = await publishedWorkflow(db.prisma, doc);
  await rt.starter.startLive({ workflowId: wf.workflowId, event: {}, trigger: 'manual' });
  const task = await eventually(() =>
    db.prisma.approvalTask.findFirst({ where: { run: { workflowId: wf.workflowId } } }).then((t) => t ?? undefined),
  );
  return { lead, oncall, task, runId: task.runId };
}

/** The approve and reject links of a message's text, and their tokens. */
export function linksIn(text: unknown) {
  const s = String(text);
  const approve = /Approve: (\S+)/.exec(s)?.[1] ?? '';
  const reject = /Reject: (\S+)/.exec(s)?.[1] ?? '';
  const token = (url: string) => url.split('/approval-link/')[1] ?? '';
  return { approve, reject, approveToken: token(approve), rejectToken: token(reject) };
}
