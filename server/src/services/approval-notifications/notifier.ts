/**
 * Approvals reach people. When a task opens, each approver of level 0 is queued a message
 * (a named user: their route or the default channel, with their own signed approve /
 * reject links; a role: the role's route, with the task's page only, since a channel
 * is shared; a Teams webhook is a channel too, so a user told there gets the inbox link
 * and the reason, unless their route is `chat:<credential>`, a webhook to their own chat) and a reminder due at APPROVAL_REMINDER_PERCENT of the wait. At an
 * escalation the level's approvers are queued a message and, at a break-glass level, the
 * on-call is paged (deduplicated per task and level). A decided task drops its reminder.
 *
 * Durability: every message is a row with a due time (`approval_notifications`); this
 * notifier's own loop polls for due rows every `pollMs` (and at once after a hook), so a
 * reminder due while the server was down goes out after the restart. Each send and its
 * outcome (channel, recipient, ok or the vendor's error) is audited as `approval.notified`.
 */
import type { ApprovalContext } from '@autonomic/api';
import type { AppContext } from '../../context';
import type { ApprovalTask } from '../../engine';
import type { ConnectorClient } from '../../connectors/client';
import { scrubText } from '../../adapters/redact';
import type { ApprovalPortHooks } from '../../executor/approvals-port';
import { findApprovalTask, type ApprovalRow } from '../../store/approvals';
import {
  claimDueNotifications,
  ensureLink,
  queueNotifications,
  retryNotification,
  settleNotification,
  skipPendingNotifications,
  type NewNotification,
  type NotificationRow,
} from '../../store/approval-notifications';
import type { ConnectorCatalog, ConnectorCredentials } from '../contracts';
import { recordAudit } from '../audit';
import { approvalContext } from '../approvals/context';
import { newLink, tokenOf, type LinkDecision } from './links';
import { approvalMessage, type MessageLinks } from './message';
import type { NotifySettings } from './routes-config';
import { resolveAudiences, type Audience } from './audiences';

export const NOTIFIER_ACTOR = 'system:approval-notifier' as const;
/** Attempts per message before it is recorded as failed. */
const MAX_ATTEMPTS = 3;

export interface NotifierDeps {
  settings: NotifySettings;
  catalog: ConnectorCatalog;
  credentials: ConnectorCredentials;
  client: ConnectorClient;
  /** The links' HMAC key (links.ts `linkKeyOf`). */
  linkKey: Buffer;
  /** @default 2000 */
  pollMs?: number;
  /** Wait before another attempt after a failure (times the attempt). @default 30000 */
  retryMs?: number;
}

export interface ApprovalNotifier {
  readonly hooks: ApprovalPortHooks;
  /** Sends what is due now; resolves with how many messages were handled. */
  sendDue(): Promise<number>;
  start(): void;
  stop(): Promise<void>;
}

export function createApprovalNotifier(ctx: AppContext, deps: NotifierDeps): ApprovalNotifier {
  const { settings } = deps;
  const pollMs = deps.pollMs ?? 2_000;
  const retryMs = deps.retryMs ?? 30_000;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;
  let again = false;
  const now = () => new Date(ctx.clock.now());

  async function queueFor(task: ApprovalRow, kind: 'opened' | 'escalated', level: number): Promise<void> {
    const spec = task.spec.levels.find((l) => l.level === level);
    if (!spec) return;
    const rows: NewNotification[] = [];
    const channel = settings.credential ? await connectorOf(settings.credential) : undefined;
    if (channel) {
      for (const a of await resolveAudiences(ctx.prisma, spec)) {
        const recipient = settings.destinationOf(a.key);
        if (!recipient) continue;
        rows.push({ taskId: task.taskId, kind, level, channel, recipient, audience: a.key, dueAt: now() });
        if (kind === 'opened') {
          const wait = task.spec.deadline - task.createdAt.getTime();
          const due = new Date(task.createdAt.getTime() + Math.floor((wait * settings.reminderPercent) / 100));
          rows.push({ taskId: task.taskId, kind: 'reminder', level, channel, recipient, audience: a.key, dueAt: due });
        }
      }
    }
    const paging = settings.paging ? await connectorOf(settings.paging) : undefined;
    if (kind === 'escalated' && spec.breakGlass && paging) {
      rows.push({
        taskId: task.taskId,
        kind: 'page',
        level,
        channel: paging,
        recipient: 'on-call',
        audience: 'on-call',
        dueAt: now(),
      });
    }
    if ((await queueNotifications(ctx.prisma, rows)) > 0) kick();
  }

  async function connectorOf(credential: string): Promise<string> {
    const found = (await deps.credentials.index()).find((c) => c.name === credential);
    // An unknown credential still queues the message: it fails visibly on the task, audited.
    return found?.connectorId ?? 'unknown';
  }

  const hooks: ApprovalPortHooks = {
    async opened(t: ApprovalTask) {
      const row = await findApprovalTask(ctx.prisma, t.id);
      if (row) await queueFor(row, 'opened', 0);
    },
    async escalated(t: ApprovalTask, level: number) {
      const row = await findApprovalTask(ctx.prisma, t.id);
      if (row) await queueFor(row, 'escalated', level);
    },
    async closed(t: ApprovalTask) {
      await skipPendingNotifications(ctx.prisma, t.id);
    },
  };

  async function linksFor(task: ApprovalRow, a: Audience): Promise<MessageLinks | undefined> {
    if (a.kind !== 'user') return undefined;
    const make = async (decision: LinkDecision) => {
      const fields = {
        taskId: task.taskId,
        userId: a.userId,
        username: a.username,
        decision,
        expiresAt: new Date(task.spec.deadline),
      };
      const row = await ensureLink(ctx.prisma, newLink(deps.linkKey, fields));
      return `${settings.publicUrl}/approval-link/${tokenOf(deps.linkKey, row)}`;
    };
    return { approve: await make('approved'), reject: await make('rejected') };
  }

  async function send(n: NotificationRow): Promise<void> {
    const task = await findApprovalTask(ctx.prisma, n.taskId);
    if (!task || (task.status !== 'pending' && n.kind !== 'page')) {
      await settleNotification(ctx.prisma, n.id, { status: 'skipped', error: 'the task was decided first', at: now() });
      return;
    }
    let context: ApprovalContext | undefined;
    try {
      context = await approvalContext(ctx.prisma, task, { now: ctx.clock.now() });
    } catch (err) {
      ctx.log.warn({ err, taskId: task.taskId }, 'approval notifications: no context for the message');
    }
    const audience = (
      await resolveAudiences(ctx.prisma, task.spec.levels.find((l) => l.level === n.level) ?? { users: [], roles: [] })
    ).find((a) => a.key === n.audience);
    // A user's own links go only where that user alone reads them (a Teams webhook is a channel).
    const shared = audience?.kind === 'user' && !personal(n);
    const links = n.kind === 'page' || !audience || shared ? undefined : await linksFor(task, audience);
    const message = approvalMessage({
      kind: n.kind,
      task,
      ...(context ? { context } : {}),
      level: n.level,
      now: ctx.clock.now(),
      inboxUrl: `${settings.publicUrl}/approvals`,
      ...(links ? { links } : {}),
      ...(shared ? { sharedChannel: true } : {}),
    });
    const credentialName = n.kind === 'page' ? settings.paging : (teamsChatOf(n) ?? settings.credential);
    const outcome = await deliver(n, credentialName, message, task);
    const failedForGood = !outcome.ok && n.attempts >= MAX_ATTEMPTS;
    if (outcome.ok) await settleNotification(ctx.prisma, n.id, { status: 'sent', at: now() });
    else if (failedForGood)
      await settleNotification(ctx.prisma, n.id, { status: 'failed', error: outcome.error, at: now() });
    else await retryNotification(ctx.prisma, n.id, outcome.error, new Date(ctx.clock.now() + retryMs * n.attempts));
    await recordAudit(ctx.prisma, {
      actor: NOTIFIER_ACTOR,
      action: 'approval.notified',
      targetType: 'approval_task',
      targetId: task.taskId,
      details: {
        kind: n.kind,
        level: n.level,
        channel: n.channel,
        recipient: n.recipient,
        audience: n.audience,
        ok: outcome.ok,
        attempt: n.attempts,
        ...(outcome.ok ? {} : { error: outcome.error, final: failedForGood }),
      },
    });
  }

  async function deliver(
    n: NotificationRow,
    credentialName: string | undefined,
    message: ReturnType<typeof approvalMessage>,
    task: ApprovalRow,
  ): Promise<{ ok: true } | { ok: false; error: string }> {
    const credential = credentialName ? await deps.credentials.reveal(credentialName) : undefined;
    if (!credential) return { ok: false, error: `credential '${credentialName ?? ''}' does not exist` };
    if (teamsChatOf(n) !== undefined && credential.connectorId !== 'microsoft-teams')
      return { ok: false, error: `credential '${credentialName ?? ''}' of the route is not a microsoft-teams webhook` };
    const definition = deps.catalog.latest(credential.connectorId);
    const call = callOf(credential.connectorId, n, message, task, settings.publicUrl);
    if (!definition || !call)
      return { ok: false, error: `connector ${credential.connectorId} cannot carry approval messages` };
    try {
      await deps.client.execute({
        definition,
        action: call.action,
        params: call.params,
        credential: credential.value,
        settings: credential.settings,
        ...(credential.baseUrl ? { baseUrl: credential.baseUrl } : {}),
        idempotencyKey: `approval-notification:${n.id}`,
      });
      return { ok: true };
    } catch (e) {
      const text = e instanceof Error ? e.message : String(e);
      return { ok: false, error: scrubText(text, [credential.value]).slice(0, 500) };
    }
  }

  async function sendDue(): Promise<number> {
    const due = await claimDueNotifications(ctx.prisma, now(), 60_000, 50);
    for (const n of due) {
      try {
        await send(n);
      } catch (err) {
        ctx.log.warn({ err, notificationId: n.id }, 'approval notifications: sending failed');
      }
    }
    return due.length;
  }

  function tick(): void {
    if (running) {
      again = true;
      return;
    }
    running = sendDue()
      .catch((err: unknown) => {
        ctx.log.warn({ err }, 'approval notifications: the loop failed');
        return 0;
      })
      .finally(() => {
        running = undefined;
        if (again) {
          again = false;
          tick();
        }
      });
  }
  function kick(): void {
    if (timer) tick();
  }

  return {
    hooks,
    sendDue,
    start() {
      timer ??= setInterval(tick, pollMs).unref();
      tick();
    },
    async stop() {
      clearInterval(timer);
      timer = undefined;
      await running;
    },
  };
}

/** Microsoft Teams: a route `chat:<credential>` names a webhook that posts to one person's chat. */
const TEAMS_CHAT = 'chat:';

/** The Teams credential of a route to one person's chat; undefined for anything else. */
function teamsChatOf(n: Pick<NotificationRow, 'channel' | 'recipient'>): string | undefined {
  return n.channel === 'microsoft-teams' && n.recipient.startsWith(TEAMS_CHAT)
    ? n.recipient.slice(TEAMS_CHAT.length)
    : undefined;
}

/**
 * Whether only the audience reads where the message goes: a Slack channel or an address
 * routed to the user, yes (as before); the Teams webhook of the notify credential posts to
 * a channel, so no, unless the route names a chat webhook (`chat:<credential>`).
 */
function personal(n: Pick<NotificationRow, 'channel' | 'recipient'>): boolean {
  return n.channel !== 'microsoft-teams' || teamsChatOf(n) !== undefined;
}

/** The Adaptive Card of a Teams message: headline, text, and buttons to the links and the inbox. */
function teamsCard(m: ReturnType<typeof approvalMessage>): Record<string, unknown> {
  return {
    type: 'AdaptiveCard',
    version: '1.4',
    body: [
      { type: 'TextBlock', text: m.subject, weight: 'Bolder', size: 'Medium', wrap: true },
      { type: 'TextBlock', text: m.text, wrap: true },
    ],
    actions: [
      ...(m.links
        ? [
            { type: 'Action.OpenUrl', title: 'Approve', url: m.links.approve, style: 'positive' },
            { type: 'Action.OpenUrl', title: 'Reject', url: m.links.reject, style: 'destructive' },
          ]
        : []),
      { type: 'Action.OpenUrl', title: 'Open the inbox', url: m.inboxUrl },
    ],
  };
}

/** The connector action and params that carry a message, per connector; undefined when it cannot. */
function callOf(
  connectorId: string,
  n: NotificationRow,
  m: ReturnType<typeof approvalMessage>,
  task: ApprovalRow,
  publicUrl: string,
): { action: string; params: Record<string, unknown> } | undefined {
  switch (connectorId) {
    case 'slack':
      return { action: 'chat_post_message', params: { channel: n.recipient, text: m.text, blocks: m.blocks } };
    case 'microsoft-teams':
      return { action: 'send_adaptive_card', params: { card: teamsCard(m) } };
    case 'email-smtp':
      return { action: 'send_email', params: { to: [n.recipient], subject: m.subject, text: m.text } };
    case 'pagerduty-events':
      return {
        action: 'trigger_alert',
        params: {
          summary: m.subject.slice(0, 1_024),
          source: 'autonomic',
          severity: 'critical',
          dedup_key: `approval:${task.taskId}:${n.level}`.slice(0, 255),
          custom_details: { taskId: task.taskId, runId: task.runId, step: task.spec.stepId, level: n.level },
          client_url: `${publicUrl}/approvals`,
        },
      };
    case 'opsgenie':
      return {
        action: 'create_alert',
        params: {
          message: m.subject.slice(0, 130),
          alias: `approval:${task.taskId}:${n.level}`.slice(0, 512),
          description: m.text.slice(0, 15_000),
          priority: 'P1',
        },
      };
    default:
      return undefined;
  }
}
