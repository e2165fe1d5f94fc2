/**
 * The task as `GET /api/approvals/:taskId` shows it gains `notifications[]`: every message,
 * reminder and page about it with its outcome. A wrapper around the approval service, so
 * the task view itself (services/approvals/views.ts) stays as it is.
 */
import type { ApprovalNotificationView } from '@autonomic/api';
import type { AppContext } from '../../context';
import { notificationsOfTask, type NotificationRow } from '../../store/approval-notifications';
import type { ApprovalService } from '../approvals';

export function notificationView(n: NotificationRow): ApprovalNotificationView {
  return {
    kind: n.kind,
    level: n.level,
    channel: n.channel,
    recipient: n.recipient,
    audience: n.audience,
    status: n.status,
    error: n.error,
    attempts: n.attempts,
    dueAt: n.dueAt.toISOString(),
    sentAt: n.sentAt ? n.sentAt.toISOString() : null,
  };
}

export function withNotifications(ctx: AppContext, approvals: ApprovalService): ApprovalService {
  return {
    ...approvals,
    async get(actor, ref) {
      const task = await approvals.get(actor, ref);
      const rows = await notificationsOfTask(ctx.prisma, task.taskId);
      return { ...task, notifications: rows.map(notificationView) };
    },
  };
}
