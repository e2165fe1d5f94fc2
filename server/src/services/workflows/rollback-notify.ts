/**
 * Telling people about a rollback by policy: the on-call is paged through the approval
 * paging credential (APPROVAL_PAGING_CREDENTIAL: PagerDuty Events or Opsgenie) and a message
 * goes to the approval notify channel (APPROVAL_NOTIFY_CREDENTIAL; where: the route of
 * `role:on-call` in APPROVAL_NOTIFY_ROUTES, else APPROVAL_NOTIFY_CHANNEL). Each delivery and
 * its outcome (ok, or the vendor's scrubbed error) is audited as `workflow.rollback_notified`.
 * One attempt each, after the rollback committed: a failure is visible in the audit log.
 */
import type { AppContext } from '../../context';
import type { ConnectorClient } from '../../connectors/client';
import { scrubText } from '../../adapters/redact';
import type { NotifySettings } from '../approval-notifications';
import type { ConnectorCatalog, ConnectorCredentials } from '../contracts';
import { recordAudit } from '../audit';

export const ROLLBACK_ACTOR = 'system:rollback-policy' as const;

/** What happened, in the numbers the message and the page carry. */
export interface RollbackNotice {
  workflow: { id: string; name: string; slug: string };
  outcome: 'rolled_back' | 'no_previous';
  versionId: string;
  fromNumber: number;
  toNumber: number | null;
  burnRate: number;
  runs: number;
  failures: number;
  windowMinutes: number;
  threshold: number;
}

export interface RollbackNotifierDeps {
  settings: NotifySettings;
  catalog: ConnectorCatalog;
  credentials: ConnectorCredentials;
  client: ConnectorClient;
}

export interface RollbackNotifier {
  notify(notice: RollbackNotice): Promise<void>;
}

/** The audience whose route in APPROVAL_NOTIFY_ROUTES, if any, receives rollback messages. */
export const ONCALL_AUDIENCE = 'role:on-call';

const rate = (n: number) => `${Math.round(n * 10) / 10}×`;

/** Subject and text of the message, the page's summary. */
export function rollbackMessage(n: RollbackNotice, publicUrl: string): { subject: string; text: string; url: string } {
  const url = `${publicUrl}/workflows/${encodeURIComponent(n.workflow.slug)}/versions`;
  const why = `burn rate ${rate(n.burnRate)} (${n.failures} of ${n.runs} runs failed in the ${n.windowMinutes} min after publish; threshold ${rate(n.threshold)})`;
  const subject =
    n.outcome === 'rolled_back'
      ? `Rolled back by policy: ${n.workflow.name} v${n.fromNumber} → v${n.toNumber ?? '?'}`
      : `Burning fast, nothing to roll back to: ${n.workflow.name} v${n.fromNumber}`;
  const what =
    n.outcome === 'rolled_back'
      ? `v${n.fromNumber} was replaced by v${n.toNumber ?? '?'}, the version published before it`
      : `v${n.fromNumber} stays published: no earlier approved version to go back to`;
  return { subject, text: [`*${subject}*`, `${what}: ${why}.`, `Workflow: ${url}`].join('\n'), url };
}

function callOf(
  connectorId: string,
  recipient: string,
  n: RollbackNotice,
  m: ReturnType<typeof rollbackMessage>,
): { action: string; params: Record<string, unknown> } | undefined {
  const details = {
    workflowId: n.workflow.id,
    fromVersion: n.fromNumber,
    toVersion: n.toNumber,
    burnRate: n.burnRate,
    runs: n.runs,
    failures: n.failures,
  };
  switch (connectorId) {
    case 'slack':
      return { action: 'chat_post_message', params: { channel: recipient, text: m.text } };
    case 'microsoft-teams':
      return {
        action: 'send_adaptive_card',
        params: {
          card: {
            type: 'AdaptiveCard',
            version: '1.4',
            body: [{ type: 'TextBlock', text: m.text, wrap: true }],
            actions: [{ type: 'Action.OpenUrl', title: 'Open the workflow', url: m.url }],
          },
        },
      };
    case 'email-smtp':
      return { action: 'send_email', params: { to: [recipient], subject: m.subject, text: m.text } };
    case 'pagerduty-events':
      return {
        action: 'trigger_alert',
        params: {
          summary: m.subject.slice(0, 1_024),
          source: 'autonomic',
          severity: 'critical',
          dedup_key: `rollback:${n.versionId}`,
          custom_details: details,
          client_url: m.url,
        },
      };
    case 'opsgenie':
      return {
        action: 'create_alert',
        params: {
          message: m.subject.slice(0, 130),
          alias: `rollback:${n.versionId}`,
          description: m.text.slice(0, 15_000),
          priority: 'P1',
        },
      };
    default:
      return undefined;
  }
}

export function createRollbackNotifier(ctx: AppContext, deps: RollbackNotifierDeps): RollbackNotifier {
  const { settings } = deps;

  async function deliver(
    credentialName: string,
    recipient: string,
    n: RollbackNotice,
  ): Promise<{ channel: string; ok: boolean; error?: string }> {
    const credential = await deps.credentials.reveal(credentialName);
    if (!credential) return { channel: 'unknown', ok: false, error: `credential '${credentialName}' does not exist` };
    const message = rollbackMessage(n, settings.publicUrl);
    const definition = deps.catalog.latest(credential.connectorId);
    const call = callOf(credential.connectorId, recipient, n, message);
    if (!definition || !call) {
      const error = `connector ${credential.connectorId} cannot carry rollback messages`;
      return { channel: credential.connectorId, ok: false, error };
    }
    try {
      await deps.client.execute({
        definition,
        action: call.action,
        params: call.params,
        credential: credential.value,
        settings: credential.settings,
        ...(credential.baseUrl ? { baseUrl: credential.baseUrl } : {}),
        idempotencyKey: `rollback:${n.versionId}:${credential.connectorId}`,
      });
      return { channel: credential.connectorId, ok: true };
    } catch (e) {
      const text = e instanceof Error ? e.message : String(e);
      return { channel: credential.connectorId, ok: false, error: scrubText(text, [credential.value]).slice(0, 500) };
    }
  }

  return {
    async notify(n) {
      const targets: Array<{ credential: string; recipient: string }> = [];
      if (settings.paging) targets.push({ credential: settings.paging, recipient: 'on-call' });
      const channel = settings.destinationOf(ONCALL_AUDIENCE);
      if (settings.credential && channel) targets.push({ credential: settings.credential, recipient: channel });
      for (const t of targets) {
        const outcome = await deliver(t.credential, t.recipient, n);
        await recordAudit(ctx.prisma, {
          actor: ROLLBACK_ACTOR,
          action: 'workflow.rollback_notified',
          targetType: 'workflow',
          targetId: n.workflow.id,
          details: {
            outcome: n.outcome,
            fromVersion: n.fromNumber,
            toVersion: n.toNumber,
            channel: outcome.channel,
            recipient: t.recipient,
            ok: outcome.ok,
            ...(outcome.error ? { error: outcome.error } : {}),
          },
        });
        if (!outcome.ok) ctx.log.warn({ workflowId: n.workflow.id, ...outcome }, 'rollback notification failed');
      }
    },
  };
}
