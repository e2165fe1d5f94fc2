/**
 * The words of approval messages: which workflow and step ask, what approving unlocks
 * (from D's approval context), the time left and, for a named approver, the two signed
 * links. One text for every channel (Slack mrkdwn reads it as is; e-mail gets it plain),
 * plus Slack Block Kit buttons (a Teams card draws its own from `links`). A named approver
 * told in a shared channel gets no links and a line that says why. Links stand on their own lines so a reader can copy them.
 */
import type { ApprovalContext } from '@autonomic/api';
import type { ApprovalRow } from '../../store/approvals';
import type { NotificationKind } from '../../store/approval-notifications';

export interface MessageLinks {
  approve: string;
  reject: string;
}

export interface ApprovalMessage {
  subject: string;
  text: string;
  /** Slack Block Kit: the text and, with links, approve / reject buttons. */
  blocks: Array<Record<string, unknown>>;
  /** For carriers that draw their own buttons (a Teams card). */
  links?: MessageLinks;
  inboxUrl: string;
}

/** Why a named approver finds no links in a shared channel's message. */
export const SHARED_CHANNEL_NOTE =
  'This channel is shared, so your own approve / reject links are not posted here: decide in the inbox.';

const HEADLINE: Record<NotificationKind, string> = {
  opened: 'Approval needed',
  reminder: 'Reminder: approval still needed',
  escalated: 'Escalated: approval needed',
  page: 'Break glass: approval needed',
};

function minutes(ms: number): string {
  if (ms < 60_000) return 'under a minute';
  const m = Math.round(ms / 60_000);
  return m < 120 ? `${m} min` : `${Math.round(m / 60)} h`;
}

function unlocks(context: ApprovalContext | undefined): string[] {
  if (!context || context.actions.length === 0) return [];
  return context.actions.map((a) => {
    const target = a.target ? ` on ${a.target.kind} ${a.target.value ?? a.target.template ?? '?'}` : '';
    const about = [a.criticality ? `criticality ${a.criticality}` : '', a.owner ? `owner ${a.owner}` : '']
      .filter(Boolean)
      .join(', ');
    return `• ${a.label} (${a.action})${target}${about ? ` [${about}]` : ''}`;
  });
}

export function approvalMessage(input: {
  kind: NotificationKind;
  task: ApprovalRow;
  context?: ApprovalContext;
  level: number;
  now: number;
  /** The approvals inbox, where the task can be decided too. */
  inboxUrl: string;
  links?: MessageLinks;
  /** A named approver told in a shared channel: the links are withheld, and the message says so. */
  sharedChannel?: boolean;
}): ApprovalMessage {
  const { task, context } = input;
  const workflow = context ? `${context.workflow.name} v${context.workflow.version}` : `run ${task.runId}`;
  const label = task.spec.levels.find((l) => l.level === input.level)?.label;
  const lines = [
    `*${HEADLINE[input.kind]}*: ${workflow}, step \`${task.spec.stepId}\`${input.level > 0 ? ` (escalation level ${input.level}${label ? `: ${label}` : ''})` : ''}`,
    task.spec.message,
  ];
  const unlocked = unlocks(context);
  if (unlocked.length > 0) lines.push('Approving unlocks:', ...unlocked);
  lines.push(`Time left: ${minutes(Math.max(0, task.spec.deadline - input.now))} (then: ${task.spec.onTimeout})`);
  if (input.links) lines.push(`Approve: ${input.links.approve}`, `Reject: ${input.links.reject}`);
  else if (input.sharedChannel) lines.push(SHARED_CHANNEL_NOTE);
  lines.push(`Inbox: ${input.inboxUrl}`);
  const text = lines.join('\n');
  const blocks: Array<Record<string, unknown>> = [{ type: 'section', text: { type: 'mrkdwn', text } }];
  if (input.links) {
    blocks.push({
      type: 'actions',
      elements: [
        { type: 'button', style: 'primary', text: { type: 'plain_text', text: 'Approve' }, url: input.links.approve },
        { type: 'button', style: 'danger', text: { type: 'plain_text', text: 'Reject' }, url: input.links.reject },
      ],
    });
  }
  return {
    subject: `${HEADLINE[input.kind]}: ${workflow} (${task.spec.stepId})`,
    text,
    blocks,
    ...(input.links ? { links: input.links } : {}),
    inboxUrl: input.inboxUrl,
  };
}
